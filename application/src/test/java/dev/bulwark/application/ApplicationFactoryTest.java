package dev.bulwark.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.ports.driven.market.MarketData;
import dev.bulwark.ports.driven.market.MarketPrices;
import dev.bulwark.ports.driven.market.Quote;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationFactoryTest {
    private static final MarketData NO_DATA = new MarketData() {
        @Override
        public Optional<Quote> lastPrice(Instrument instrument) {
            return Optional.empty();
        }

        @Override
        public List<dev.bulwark.domain.market.Candle> candles(Instrument instrument, CandleInterval interval,
                Instant from, Instant to) {
            return List.of();
        }

        @Override
        public Optional<Quote> fx(Asset base, Asset quote) {
            return Optional.empty();
        }

        @Override
        public MarketPrices prices(Set<Asset> assets) {
            return new MarketPrices(Instant.EPOCH, List.of(), List.of());
        }
    };

    @Test
    void withMarketDataItServesBacktests() {
        var factory = new ApplicationFactory("1.0.0", () -> Instant.EPOCH, NO_DATA, PaperProfile.spot(Map.of()),
                java.util.UUID::randomUUID, unused(dev.bulwark.ports.driven.venues.VenueAccounts.class),
                unused(dev.bulwark.ports.driven.portfolio.HoldingsSnapshots.class),
                unused(dev.bulwark.ports.driven.venues.VenueConnector.class),
                unused(dev.bulwark.ports.driven.events.EventLog.class));

        assertThat(factory.runBacktest()).isSameAs(factory.runBacktest());
        assertThat(factory.checkHealth().health().version()).isEqualTo("1.0.0");
    }

    /** A driven port this test never calls: any call fails loudly. */
    private static <T> T unused(Class<T> port) {
        return port.cast(java.lang.reflect.Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                (proxy, method, args) -> {
                    throw new AssertionError(port.getSimpleName() + "." + method.getName() + " was not expected");
                }));
    }
}
