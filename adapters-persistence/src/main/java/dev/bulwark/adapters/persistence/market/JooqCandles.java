package dev.bulwark.adapters.persistence.market;

import static dev.bulwark.adapters.persistence.jooq.Tables.CANDLES;
import static org.jooq.impl.DSL.excluded;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.jooq.tables.records.CandlesRecord;
import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.ports.driven.market.Candles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;

/**
 * Candles in SQL. A batch is written as multi-row upserts of at most {@value #ROWS_PER_STATEMENT} rows, in one
 * transaction: one round trip per chunk rather than per candle, and a chunk stays well under the engines' limits on
 * bound values.
 */
public final class JooqCandles implements Candles {
    static final int ROWS_PER_STATEMENT = 500;

    private final Db db;

    public JooqCandles(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void upsert(List<Candle> candles) {
        Objects.requireNonNull(candles, "candles");
        // the last candle of a key wins; PostgreSQL refuses a statement that would upsert one row twice
        Map<List<Object>, Candle> byKey = new LinkedHashMap<>();
        for (Candle candle : candles) {
            Objects.requireNonNull(candle, "candle");
            Columns.exact(candle.open(), "open");
            Columns.exact(candle.high(), "high");
            Columns.exact(candle.low(), "low");
            Columns.exact(candle.close(), "close");
            Columns.exact(candle.volume(), "volume");
            byKey.put(List.of(candle.source(), candle.instrument(), candle.interval(), candle.openTime()), candle);
        }
        if (byKey.isEmpty()) {
            return;
        }
        List<Candle> unique = new ArrayList<>(byKey.values());
        db.inTransaction(() -> {
            for (int from = 0; from < unique.size(); from += ROWS_PER_STATEMENT) {
                write(unique.subList(from, Math.min(from + ROWS_PER_STATEMENT, unique.size())));
            }
        });
    }

    private void write(List<Candle> chunk) {
        var insert = db.ctx().insertInto(CANDLES,
                CANDLES.SOURCE, CANDLES.BASE, CANDLES.QUOTE, CANDLES.MARKET, CANDLES.CANDLE_INTERVAL, CANDLES.OPEN_TIME,
                CANDLES.OPEN_PRICE, CANDLES.HIGH_PRICE, CANDLES.LOW_PRICE, CANDLES.CLOSE_PRICE, CANDLES.VOLUME);
        for (Candle c : chunk) {
            Instrument i = c.instrument();
            insert = insert.values(c.source(), i.base().code(), i.quote().code(), i.market().name(), c.interval().name(),
                    Columns.utc(c.openTime()), c.open(), c.high(), c.low(), c.close(), c.volume());
        }
        insert.onConflict(CANDLES.SOURCE, CANDLES.BASE, CANDLES.QUOTE, CANDLES.MARKET, CANDLES.CANDLE_INTERVAL, CANDLES.OPEN_TIME)
                .doUpdate()
                .set(CANDLES.OPEN_PRICE, excluded(CANDLES.OPEN_PRICE))
                .set(CANDLES.HIGH_PRICE, excluded(CANDLES.HIGH_PRICE))
                .set(CANDLES.LOW_PRICE, excluded(CANDLES.LOW_PRICE))
                .set(CANDLES.CLOSE_PRICE, excluded(CANDLES.CLOSE_PRICE))
                .set(CANDLES.VOLUME, excluded(CANDLES.VOLUME))
                .execute();
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
