package dev.bulwark.ports.driving.backtest;

import org.apiguardian.api.API;

/**
 * Replays history: a strategy's signals, candle by candle, through a simulated wallet with the venue's fees,
 * slippage and rules, the position sizer and the risk engine. Touches no stored state and no account; the same
 * command over the same candles gives the same report, byte for byte ({@link BacktestReport#render()}).
 *
 * <p>Synchronous and CPU-bound: a year of one-minute candles is half a million steps, so hosts run it off any event
 * loop.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface RunBacktest {

    /**
     * Runs the backtest.
     *
     * @throws dev.bulwark.ports.errors.Invalid with every field error at once: the command's own fields, and each bad
     *         line of a CSV of signals (its message names the line)
     * @throws dev.bulwark.ports.errors.NotFound when the market data has no closed candle of the instrument at that
     *         interval in the range
     * @throws dev.bulwark.ports.errors.BulwarkException what the market data throws when it cannot answer
     *         ({@code VenueUnavailable}, {@code RateLimited}, {@code Unavailable})
     */
    BacktestReport run(BacktestCommand command);
}
