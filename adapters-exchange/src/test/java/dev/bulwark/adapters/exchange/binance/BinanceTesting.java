package dev.bulwark.adapters.exchange.binance;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Builders for the Binance tests: an account, short timeouts, a connection to a fake. */
final class BinanceTesting {
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private BinanceTesting() {
    }

    static BinanceSettings settings(int failuresToOpen, Duration openFor) {
        return new BinanceSettings(Duration.ofMillis(400), Duration.ofSeconds(5),
                new VenueResilience.Settings(Duration.ofSeconds(3), 1, Duration.ofMillis(5), failuresToOpen, openFor,
                        Duration.ofMillis(100)),
                Duration.ofHours(1), Duration.ofSeconds(3));
    }

    static BinanceSettings settings() {
        return settings(50, Duration.ofSeconds(30));
    }

    static VenueAccount account() {
        return new VenueAccount(new VenueAccountId(UUID.fromString("0190a000-0000-7000-8000-000000000001")),
                new WorkspaceId(UUID.fromString("0190a000-0000-7000-8000-000000000002")), BinanceVenueProvider.BINANCE,
                "Binance", Environment.LIVE, null, Set.of(Permission.READ, Permission.TRADE), true,
                VenueAccount.hintOf(BinanceSignerTest.DOC_API_KEY), new SealedSecret("sealed"), SyncState.never(), T0, T0);
    }

    /** A USD-M futures account ({@code binance-futures}) holding the futures docs' example key. */
    static VenueAccount futuresAccount() {
        return new VenueAccount(new VenueAccountId(UUID.fromString("0190a000-0000-7000-8000-000000000003")),
                new WorkspaceId(UUID.fromString("0190a000-0000-7000-8000-000000000002")),
                BinanceFuturesVenueProvider.BINANCE_FUTURES, "Binance futures", Environment.LIVE, null,
                Set.of(Permission.READ, Permission.TRADE), true,
                VenueAccount.hintOf(BinanceFuturesGatewayTest.DOC_API_KEY), new SealedSecret("sealed"),
                SyncState.never(), T0, T0);
    }

    static VenueConnection connection(VenueAccount account, String baseUrl, String apiKey, String secret, MutableClock clock) {
        return new VenueConnection(account, VenueEnvironment.LIVE, baseUrl, VenueCredentials.of(apiKey, secret), clock);
    }

    /** A spot gateway of {@code account} on {@code fake}, signing with {@code apiKey} and {@code secret}. */
    static BinanceGateway connect(BinanceVenueProvider provider, VenueAccount account, BinanceFake fake, String apiKey,
                                  String secret, MutableClock clock) {
        return (BinanceGateway) provider.connect(connection(account, fake.baseUrl(), apiKey, secret, clock));
    }
}
