package dev.bulwark.adapters.exchange.paper;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Market data a test moves by hand: a last price per instrument and 1-minute candles. */
final class ScriptedMarket implements MarketData {
    private final Map<Instrument, BigDecimal> prices = new HashMap<>();
    private final List<Candle> candles = new ArrayList<>();

    void price(Instrument instrument, String price) {
        prices.put(instrument, new BigDecimal(price));
    }

    void noPrice(Instrument instrument) {
        prices.remove(instrument);
    }

    void candle(Instrument instrument, Instant open, String o, String h, String l, String c) {
        candles.add(new Candle(instrument, "scripted", CandleInterval.M1, open, new BigDecimal(o), new BigDecimal(h),
                new BigDecimal(l), new BigDecimal(c), new BigDecimal("1000")));
        price(instrument, c);
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        return Optional.ofNullable(prices.get(instrument))
                .map(p -> new Quote(instrument.base(), instrument.quote(), p, Instant.EPOCH, "scripted", false, false));
    }

    @Override
    public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        return candles.stream().filter(c -> c.instrument().equals(instrument) && c.interval() == interval
                && !c.openTime().isBefore(from) && c.openTime().isBefore(to)).toList();
    }

    @Override
    public Optional<Quote> fx(Asset base, Asset quote) {
        return Optional.empty();
    }

    @Override
    public MarketPrices prices(Set<Asset> assets) {
        throw new IllegalStateException("not used by the paper venue");
    }
}
