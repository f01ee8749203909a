package dev.bulwark.adapters.exchange.binance;

import static dev.bulwark.adapters.exchange.binance.BinanceTesting.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.errors.Invalid;
import org.junit.jupiter.api.Test;

class BinanceVenueProviderTest {
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void describesSpotHonestly() {
        VenueDescriptor descriptor = new BinanceVenueProvider().describe();

        assertThat(descriptor.id()).isEqualTo(new VenueId("binance"));
        assertThat(descriptor.markets()).containsExactly(Market.SPOT);
        assertThat(descriptor.capabilities()).doesNotContain(VenueCapability.FUTURES, VenueCapability.POSITIONS,
                VenueCapability.TRAILING_STOP);
        // native OCO pairs: POST /api/v3/orderList/oco (BinanceOcoTest)
        assertThat(descriptor.capabilities()).contains(VenueCapability.PERMISSIONS, VenueCapability.QUOTE_AMOUNT,
                VenueCapability.OCO);
        assertThat(descriptor.environments()).containsExactly(VenueEnvironment.LIVE, VenueEnvironment.TESTNET);
        assertThat(descriptor.rateLimits()).extracting(l -> l.name()).contains("request-weight");
    }

    @Test
    void refusesAnotherVenuesAccountAndMissingCredentials() {
        BinanceVenueProvider provider = new BinanceVenueProvider();
        VenueAccount binance = BinanceTesting.account();
        VenueAccount kraken = new VenueAccount(binance.id(), binance.workspace(), new VenueId("kraken"), "Kraken",
                binance.environment(), null, binance.permissions(), true, binance.apiKeyHint(), binance.credentials(),
                binance.sync(), T0, T0);

        assertThatThrownBy(() -> provider.connect(BinanceTesting.connection(kraken, null, "key12345", "secret", clock)))
                .isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> provider.connect(new VenueConnection(binance, VenueEnvironment.LIVE, null, null, clock)))
                .isInstanceOf(Invalid.class);
    }

    @Test
    void connectingSendsNothing() {
        try (BinanceFake fake = new BinanceFake("key12345", "secret", () -> clock.now().toEpochMilli())) {
            new BinanceVenueProvider().connect(BinanceTesting.connection(BinanceTesting.account(), fake.baseUrl(),
                    "key12345", "secret", clock)).close();
            assertThat(fake.requests()).isEmpty();
        }
    }
}
