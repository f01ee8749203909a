package dev.bulwark.application.backtest;

import dev.bulwark.domain.market.Candle;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Serves a fixed list of candles as a source would, refusing ranges longer than a live source serves at once. */
final class FakeMarketData implements MarketData {
    static final int MAX_PER_CALL = 10_000;

    private final List<Candle> candles;
    final List<Instant[]> calls = new ArrayList<>();

    FakeMarketData(List<Candle> candles) {
        this.candles = List.copyOf(candles);
    }

    @Override
    public Optional<Quote> lastPrice(Instrument instrument) {
        return Optional.empty();
    }

    @Override
    public List<Candle> candles(Instrument instrument, CandleInterval interval, Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to before from");
        }
        if (java.time.Duration.between(from, to).dividedBy(interval.duration()) > MAX_PER_CALL) {
            throw new IllegalArgumentException("at most " + MAX_PER_CALL + " candles per call");
        }
        calls.add(new Instant[] {from, to});
        return candles.stream()
                .filter(c -> c.instrument().symbol().equals(instrument.symbol()) && c.interval() == interval)
                .filter(c -> !c.openTime().isBefore(from) && c.openTime().isBefore(to))
                .toList();
    }

    @Override
    public Optional<Quote> fx(Asset base, Asset quote) {
        return Optional.empty();
    }

    @Override
    public MarketPrices prices(Set<Asset> assets) {
        return new MarketPrices(Instant.EPOCH, List.of(), List.of());
    }
}
