package dev.bulwark.adapters.exchange.xchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.support.VenueResilience;
import dev.bulwark.adapters.exchange.testing.Circuits;
import dev.bulwark.adapters.exchange.testing.Eventually;
import dev.bulwark.adapters.exchange.testing.Hmac;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Reply;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Request;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.portfolio.AccountKind;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The XChange bridge over XChange's own KuCoin connector, against a fake KuCoin that serves the documented
 * {@code GET /api/v1/accounts} and {@code GET /api/v1/market/stats} bodies and checks every private request as KuCoin
 * does for a (v1) key: KC-API-KEY, the passphrase, and KC-API-SIGN recomputed as base64 HMAC-SHA256 over
 * timestamp + METHOD + path with query + body.
 */
class XChangeKucoinGatewayTest {
    static final String KEY = "5c2db93503aa674c74a31734";
    static final String SECRET = "kucoin-test-secret-do-not-print";
    static final String PASSPHRASE = "kucoin-passphrase-do-not-print";
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final Instrument BTC = Instrument.spot("BTC", "USDT");
    static final VenueResilience.Settings FAST = new VenueResilience.Settings(Duration.ofMillis(1500), 1,
            Duration.ofMillis(10), 3, Duration.ofMillis(400), Duration.ofMillis(100));
    static final String ACCOUNTS = "/api/v1/accounts";
    static final String STATS = "/api/v1/market/stats";

    SignedFakeVenue venue;
    XChangeKucoinVenueProvider provider;
    VenueAccount account;
    VenueGateway gateway;

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(XChangeKucoinGatewayTest::checkSignature);
        provider = new XChangeKucoinVenueProvider(FAST);
        account = account(XChangeKucoinVenueProvider.VENUE);
        gateway = connect(new VenueCredentials(KEY, SECRET, PASSPHRASE));
    }

    @AfterEach
    void stop() {
        gateway.close();
        venue.close();
    }

    static VenueAccount account(VenueId id) {
        return new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), id,
                "KuCoin", Environment.LIVE, null, Set.of(Permission.READ), true, "5c2d\u20261734",
                new SealedSecret("sealed"), SyncState.never(), T0, T0);
    }

    VenueGateway connect(VenueCredentials credentials) {
        return provider.connect(new VenueConnection(account, VenueEnvironment.LIVE, venue.baseUrl(), credentials, () -> T0));
    }

    /** KuCoin's check of a private request; its refusals are HTTP 401 with its own codes. */
    static Optional<Reply> checkSignature(Request request) {
        if (request.path().startsWith("/api/v1/market/")) {
            assertThat(request.header("KC-API-SIGN")).as("public calls are not signed").isEmpty();
            return Optional.empty();
        }
        if (!request.header("KC-API-KEY").equals(KEY)) {
            return Optional.of(Reply.json(401, "{\"code\":\"400003\",\"msg\":\"KC-API-KEY not exists\"}"));
        }
        if (!request.header("KC-API-PASSPHRASE").equals(PASSPHRASE)) {
            return Optional.of(Reply.json(401, "{\"code\":\"400004\",\"msg\":\"Invalid KC-API-PASSPHRASE\"}"));
        }
        String timestamp = request.header("KC-API-TIMESTAMP");
        String endpoint = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        String expected = Hmac.sha256Base64(SECRET, timestamp + request.method() + endpoint + request.body());
        if (!timestamp.matches("[0-9]{13}") || !expected.equals(request.header("KC-API-SIGN"))) {
            return Optional.of(Reply.json(401, "{\"code\":\"400005\",\"msg\":\"Invalid KC-API-SIGN\"}"));
        }
        return Optional.empty();
    }

    static String doc(String name) {
        return SignedFakeVenue.resource(XChangeKucoinGatewayTest.class, name);
    }

    @Test
    void theDescriptorIsReadOnly() {
        var descriptor = provider.describe();
        assertThat(descriptor.id()).isEqualTo(new VenueId("xchange-kucoin"));
        assertThat(descriptor.capabilities()).containsExactlyInAnyOrder(VenueCapability.BALANCES, VenueCapability.PRICES);
        assertThat(descriptor.needsPassphrase()).isTrue();
        assertThat(gateway.capabilities()).doesNotContain(VenueCapability.PERMISSIONS, VenueCapability.FILLS);
    }

    @Test
    void theServiceLoaderFindsTheBridge() {
        assertThat(ServiceLoader.load(VenueProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(XChangeKucoinVenueProvider.class);
    }

    @Test
    void balancesAreSummedOverTheWalletsPerAsset() {
        venue.on("GET", ACCOUNTS, Reply.ok(doc("kucoin-accounts.json")));
        VenueId id = XChangeKucoinVenueProvider.VENUE;
        assertThat(gateway.balances()).containsExactly(
                new Holding(account.id(), id, AccountKind.SPOT, Asset.BTC, new BigDecimal("0.65"), new BigDecimal("0.1")),
                new Holding(account.id(), id, AccountKind.SPOT, Asset.of("USDT"), new BigDecimal("900.5"), new BigDecimal("100")));
        Request request = venue.last();
        assertThat(request.header("KC-API-KEY")).isEqualTo(KEY);
        assertThat(request.header("KC-API-PASSPHRASE")).isEqualTo(PASSPHRASE);
    }

    @Test
    void thePriceIsTheLastTradeFromThePublicStats() {
        venue.on("GET", STATS, Reply.ok(doc("kucoin-stats.json")));
        assertThat(gateway.price(BTC)).contains(new BigDecimal("11328.9"));
        assertThat(venue.last().query()).isEqualTo(Map.of("symbol", "BTC-USDT"));
        gateway.price(BTC);
        assertThat(venue.count(STATS)).as("cached for a moment").isEqualTo(1);
        assertThat(gateway.price(new Instrument(Asset.BTC, Asset.of("USDT"), dev.bulwark.domain.market.Market.USDM_FUTURES))).isEmpty();
    }

    @Test
    void anUnlistedPairHasNoPrice() {
        venue.on("GET", STATS, Reply.ok("{\"code\":\"200000\",\"data\":{\"time\":1602832092060,\"symbol\":\"NOPE-USDT\","
                + "\"buy\":null,\"sell\":null,\"last\":null}}"));
        assertThat(gateway.price(Instrument.spot("NOPE", "USDT"))).isEmpty();
    }

    @Test
    void aWrongKeySecretOrPassphraseIsUnauthorized() {
        venue.on("GET", ACCOUNTS, Reply.ok(doc("kucoin-accounts.json")));
        assertThatThrownBy(connect(new VenueCredentials("5c2db93503aa674c74a39999", SECRET, PASSPHRASE))::balances)
                .isInstanceOf(Unauthorized.class).hasMessageNotContaining(SECRET);
        assertThatThrownBy(connect(new VenueCredentials(KEY, "another-secret", PASSPHRASE))::balances)
                .isInstanceOf(Unauthorized.class);
        CredentialCheck check = connect(new VenueCredentials(KEY, SECRET, "another-passphrase")).checkCredentials();
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).contains("xchange-kucoin").doesNotContain("another-passphrase");
        venue.on("GET", ACCOUNTS, Reply.ok("{\"code\":\"400003\",\"msg\":\"KC-API-KEY not exists\"}"));
        assertThatThrownBy(gateway::balances).as("KuCoin's error code in a 200 answer, classified by XChange")
                .isInstanceOf(Unauthorized.class);
        venue.on("GET", ACCOUNTS, Reply.ok(doc("kucoin-accounts.json")));
        assertThat(gateway.checkCredentials().permissions()).as("only what the check proved").containsExactly(Permission.READ);
        assertThat(provider.resilience().state()).as("a refusal is an answer").isEqualTo(VenueResilience.BreakerState.CLOSED);
    }

    @Test
    void serverErrorsAreUnavailableAndOpenTheBreaker() {
        venue.on("GET", ACCOUNTS, Reply.json(503, "{\"code\":\"503000\",\"msg\":\"Service unavailable\"}"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        assertThat(provider.resilience().state()).isEqualTo(VenueResilience.BreakerState.OPEN);
        Circuits.assertOne(provider, VenueCircuit.State.OPEN);
        long sent = venue.count(ACCOUNTS);
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class).hasMessageContaining("circuit open");
        assertThat(venue.count(ACCOUNTS)).as("an open breaker sends nothing").isEqualTo(sent);
        venue.on("GET", ACCOUNTS, Reply.ok(doc("kucoin-accounts.json")));
        assertThat(Eventually.afterTheBreakerPause(gateway::balances)).hasSize(2);
        Circuits.assertOne(provider, VenueCircuit.State.CLOSED);
    }

    @Test
    void malformedOrCutAnswersAreUnavailable() {
        venue.on("GET", ACCOUNTS, Reply.ok("{\"code\":\"200000\",\"data\":[{\"currency\":"));
        assertThatThrownBy(gateway::balances).isInstanceOf(VenueUnavailable.class);
        venue.on("GET", STATS, Reply.ok(doc("kucoin-stats.json")).cutAfter(40));
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void aGatewayErrorPageIsUnavailableWithItsStatus() {
        venue.on("GET", STATS, Reply.text(502, "<html>bad gateway</html>"));
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void throttlingIsRateLimited() {
        venue.on("GET", ACCOUNTS, Reply.json(429, "{\"code\":\"429000\",\"msg\":\"Too Many Requests\"}"));
        assertThatThrownBy(gateway::balances).isInstanceOfSatisfying(RateLimited.class,
                e -> assertThat(e.limit()).isEqualTo(XChangeErrorAdapter.LIMIT));
        assertThat(venue.count(ACCOUNTS)).as("a throttle is not retried").isEqualTo(1);
    }

    @Test
    void placingIsRefusedAsUnsupportedWithoutARequest() {
        ClientOrderId cid = new ClientOrderId("121211212122");
        PlacementResult limit = gateway.place(OrderRequest.limit(BTC, OrderSide.BUY, new BigDecimal("0.001"),
                new BigDecimal("11000"), TimeInForce.GTC, cid));
        PlacementResult market = gateway.place(OrderRequest.market(BTC, OrderSide.SELL, OrderSize.quantity(new BigDecimal("0.001")), cid));
        assertThat(limit).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        assertThat(market).isInstanceOfSatisfying(PlacementResult.Rejected.class,
                r -> assertThat(r.code()).isEqualTo(PlacementResult.Rejected.UNSUPPORTED));
        assertThat(gateway.cancel(BTC, cid)).isEqualTo(new CancelResult.UnknownOrder(cid));
        assertThat(gateway.findByClientOrderId(BTC, cid)).isEmpty();
        assertThat(gateway.openOrders(null)).isEmpty();
        assertThat(gateway.fills(BTC, T0)).isEmpty();
        assertThat(gateway.positions()).isEmpty();
        assertThatThrownBy(() -> gateway.rules(BTC)).isInstanceOf(NotFound.class);
        assertThat(venue.requests()).as("nothing reaches the venue").isEmpty();
    }

    @Test
    void connectionsAreCheckedBeforeAnything() {
        assertThatThrownBy(() -> connect(VenueCredentials.of(KEY, SECRET))).isInstanceOf(Invalid.class)
                .hasMessageContaining("passphrase");
        account = account(new VenueId("kucoin"));
        assertThatThrownBy(() -> connect(new VenueCredentials(KEY, SECRET, PASSPHRASE))).isInstanceOf(Invalid.class);
        assertThat(venue.requests()).isEmpty();
    }

    @Test
    void aClosedGatewayRefusesCalls() {
        gateway.close();
        gateway.close();
        assertThatThrownBy(gateway::balances).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> gateway.price(BTC)).isInstanceOf(IllegalStateException.class);
    }
}
