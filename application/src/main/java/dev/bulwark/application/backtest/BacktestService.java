package dev.bulwark.application.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.BacktestReport;
import dev.bulwark.ports.driving.backtest.RunBacktest;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks the command, reads the candles from the market data in pages, and runs the backtest on them. Holds no
 * state between runs, so one instance serves every thread.
 */
final class BacktestService implements RunBacktest {
    /** Candles asked for per call: below what a live source serves at once (10,000), so a long range is paged. */
    static final int PAGE = 5_000;

    private final MarketData market;
    private final TimeSource time;
    private final PaperProfile venue;

    BacktestService(MarketData market, TimeSource time, PaperProfile venue) {
        this.market = Objects.requireNonNull(market, "market");
        this.time = Objects.requireNonNull(time, "time");
        this.venue = Objects.requireNonNull(venue, "venue");
    }

    @Override
    public BacktestReport run(BacktestCommand command) {
        Objects.requireNonNull(command, "command");
        BacktestSetup setup = BacktestSetup.of(command, venue);
        List<Candle> candles = candles(setup);
        if (candles.isEmpty()) {
            throw new NotFound("no closed " + setup.instrument() + " " + setup.interval() + " candles from "
                    + setup.from() + " to " + setup.to() + " in the market data");
        }
        return new BacktestRun(setup, candles).run();
    }

    /**
     * The candles opening in {@code [from, to)}, oldest first, one per opening time. A candle still forming (closing
     * after now) is left out: its values change until it closes, and a rerun must see the same bars.
     */
    private List<Candle> candles(BacktestSetup setup) {
        Instant now = time.now();
        Duration page = setup.interval().duration().multipliedBy(PAGE);
        List<Candle> candles = new ArrayList<>();
        Instant last = null;
        Instant cursor = setup.from();
        while (cursor.isBefore(setup.to())) {
            Instant end = Duration.between(cursor, setup.to()).compareTo(page) > 0 ? cursor.plus(page) : setup.to();
            for (Candle candle : market.candles(setup.instrument(), setup.interval(), cursor, end)) {
                boolean ours = candle.interval() == setup.interval()
                        && candle.instrument().base().equals(setup.instrument().base())
                        && candle.instrument().quote().equals(setup.instrument().quote());
                boolean inPage = !candle.openTime().isBefore(cursor) && candle.openTime().isBefore(end);
                boolean later = last == null || candle.openTime().isAfter(last);
                if (ours && inPage && later && !candle.closeTime().isAfter(now)) {
                    candles.add(candle);
                    last = candle.openTime();
                }
            }
            cursor = end;
        }
        return candles;
    }
}
