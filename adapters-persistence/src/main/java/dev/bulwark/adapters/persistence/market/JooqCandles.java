package dev.bulwark.adapters.persistence.market;

import static dev.bulwark.adapters.persistence.jooq.Tables.CANDLES;
import static org.jooq.impl.DSL.excluded;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.jooq.tables.records.CandlesRecord;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.ports.driven.market.Candles;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.BatchBindStep;
import org.jooq.Condition;

/**
 * Candles in SQL. A batch is one prepared single-row upsert ({@code INSERT ... ON CONFLICT DO UPDATE}, which jOOQ
 * writes as a {@code MERGE} on H2) executed as a JDBC batch, in one transaction. A multi-row upsert would be one
 * statement, but H2 plans jOOQ's emulation of it (a {@code MERGE} over a {@code UNION ALL} of every row) in time that
 * grows with the square of the rows: a thousand candles took seconds.
 */
public final class JooqCandles implements Candles {
    /** Rows per JDBC batch: bounds the memory a very long backfill holds at once. */
    static final int ROWS_PER_BATCH = 1_000;

    private final Db db;

    public JooqCandles(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void upsert(List<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        for (Candle candle : candles) {
            Objects.requireNonNull(candle, "candle");
            Columns.exact(candle.open(), "open");
            Columns.exact(candle.high(), "high");
            Columns.exact(candle.low(), "low");
            Columns.exact(candle.close(), "close");
            Columns.exact(candle.volume(), "volume");
        }
        if (candles.isEmpty()) {
            return;
        }
        // the statements run in order, so within one batch the last candle of a key wins
        db.inTransaction(() -> {
            for (int from = 0; from < candles.size(); from += ROWS_PER_BATCH) {
                write(candles.subList(from, Math.min(from + ROWS_PER_BATCH, candles.size())));
            }
        });
    }

    private void write(List<Candle> chunk) {
        // a template with typed placeholders: each row binds its own values
        // (excluded.x names the row being inserted, so each value is bound once)
        var upsert = db.ctx().insertInto(CANDLES,
                        CANDLES.SOURCE, CANDLES.BASE, CANDLES.QUOTE, CANDLES.MARKET, CANDLES.CANDLE_INTERVAL, CANDLES.OPEN_TIME,
                        CANDLES.OPEN_PRICE, CANDLES.HIGH_PRICE, CANDLES.LOW_PRICE, CANDLES.CLOSE_PRICE, CANDLES.VOLUME)
                .values((String) null, null, null, null, null, (OffsetDateTime) null, (BigDecimal) null, null, null, null, null)
                .onConflict(CANDLES.SOURCE, CANDLES.BASE, CANDLES.QUOTE, CANDLES.MARKET, CANDLES.CANDLE_INTERVAL, CANDLES.OPEN_TIME)
                .doUpdate()
                .set(CANDLES.OPEN_PRICE, excluded(CANDLES.OPEN_PRICE))
                .set(CANDLES.HIGH_PRICE, excluded(CANDLES.HIGH_PRICE))
                .set(CANDLES.LOW_PRICE, excluded(CANDLES.LOW_PRICE))
                .set(CANDLES.CLOSE_PRICE, excluded(CANDLES.CLOSE_PRICE))
                .set(CANDLES.VOLUME, excluded(CANDLES.VOLUME));
        BatchBindStep batch = db.ctx().batch(upsert);
        for (Candle c : chunk) {
            Instrument i = c.instrument();
            batch = batch.bind(c.source(), i.base().code(), i.quote().code(), i.market().name(), c.interval().name(),
                    Columns.utc(c.openTime()), c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        batch.execute();
    }

    @Override
    public List<Candle> range(String source, Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a range ends after it starts, was " + from + " to " + to);
        }
        return db.ctx().selectFrom(CANDLES)
                .where(series(source, instrument, interval))
                .and(CANDLES.OPEN_TIME.ge(Columns.utc(from)))
                .and(CANDLES.OPEN_TIME.lt(Columns.utc(to)))
                .orderBy(CANDLES.OPEN_TIME)
                .fetch(JooqCandles::toCandle);
    }

    @Override
    public Optional<Candle> latest(String source, Instrument instrument, CandleInterval interval) {
        return db.ctx().selectFrom(CANDLES)
                .where(series(source, instrument, interval))
                .orderBy(CANDLES.OPEN_TIME.desc())
                .limit(1)
                .fetchOptional()
                .map(JooqCandles::toCandle);
    }

    private static Condition series(String source, Instrument instrument, CandleInterval interval) {
        return CANDLES.SOURCE.eq(source)
                .and(CANDLES.BASE.eq(instrument.base().code()))
                .and(CANDLES.QUOTE.eq(instrument.quote().code()))
                .and(CANDLES.MARKET.eq(instrument.market().name()))
                .and(CANDLES.CANDLE_INTERVAL.eq(interval.name()));
    }

    private static Candle toCandle(CandlesRecord r) {
        return new Candle(
                Columns.instrument(r.getBase(), r.getQuote(), r.getMarket()),
                r.getSource(),
                CandleInterval.valueOf(r.getCandleInterval()),
                r.getOpenTime().toInstant(),
                r.getOpenPrice(),
                r.getHighPrice(),
                r.getLowPrice(),
                r.getClosePrice(),
                r.getVolume());
    }
}
