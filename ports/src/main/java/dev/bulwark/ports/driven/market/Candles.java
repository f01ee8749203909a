package dev.bulwark.ports.driven.market;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Candles keyed by (source, instrument, interval, open time). Market data, not owned by a workspace: every
 * workspace reads the same bars.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Candles {

    /**
     * Stores the candles in one transaction. A candle whose key is stored replaces it: the last bar of a fetch is
     * often still forming, and the next fetch brings its final values. Within the batch the last candle of a key
     * wins.
     *
     * @throws IllegalArgumentException when a number has more than 18 decimals or 20 integer digits
     */
    void upsert(List<Candle> candles);

    /**
     * The candles opening in {@code [from, to)}, oldest first.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    List<Candle> range(String source, Instrument instrument, CandleInterval interval, Instant from, Instant to);

    /** The candle with the latest open time. */
    Optional<Candle> latest(String source, Instrument instrument, CandleInterval interval);
}
