package dev.bulwark.adapters.exchange.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.venues.CancelResult;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.RateLimit;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The small shared pieces of the venue adapters: cancel outcomes, connection checks, re-told answers, caches. */
class SupportHelpersTest {
    static final VenueId VENUE = new VenueId("testex");
    static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    static final VenueAccountId ACCOUNT = new VenueAccountId(UUID.randomUUID());
    static final ClientOrderId CID = new ClientOrderId("c-1");

    static Order order(OrderStatus status) {
        Order placed = OrderRequest.limit(Instrument.spot("BTC", "USDT"), OrderSide.BUY, BigDecimal.ONE, BigDecimal.TEN,
                TimeInForce.GTC, CID).toNewOrder(ACCOUNT, T0).transitionTo(OrderStatus.ACCEPTED, T0);
        return status == OrderStatus.ACCEPTED ? placed : placed.transitionTo(status, T0);
    }

    @Test
    void anAcknowledgedCancelIsBelievedOnlyAsTheVenueReportsTheOrder() {
        assertThat(Cancels.acknowledged(VENUE, Optional.of(order(OrderStatus.CANCELLED)))).isInstanceOf(CancelResult.Cancelled.class);
        assertThat(Cancels.acknowledged(VENUE, Optional.of(order(OrderStatus.REJECTED)))).isInstanceOf(CancelResult.AlreadyFinal.class);
        assertThatThrownBy(() -> Cancels.acknowledged(VENUE, Optional.of(order(OrderStatus.ACCEPTED))))
                .isInstanceOf(VenueUnavailable.class);
        assertThatThrownBy(() -> Cancels.acknowledged(VENUE, Optional.empty())).isInstanceOf(VenueUnavailable.class);
    }

    @Test
    void nothingToCancelIsUnknownEndedOrLeftToTheRefusal() {
        assertThat(Cancels.nothingToCancel(CID, Optional::empty)).contains(new CancelResult.UnknownOrder(CID));
        assertThat(Cancels.nothingToCancel(CID, () -> Optional.of(order(OrderStatus.CANCELLED))))
                .containsInstanceOf(CancelResult.AlreadyFinal.class);
        assertThat(Cancels.nothingToCancel(CID, () -> Optional.of(order(OrderStatus.ACCEPTED)))).isEmpty();
    }

    @Test
    void aConnectionIsCheckedAgainstTheDescriptor() {
        VenueDescriptor withPassphrase = descriptor(true);
        VenueCredentials full = new VenueCredentials("key-1", "secret-never-shown", "pass-never-shown");
        assertThat(Connections.require(connection(VENUE, full), withPassphrase)).isEqualTo(full);
        assertThatThrownBy(() -> Connections.require(connection(VENUE, VenueCredentials.of("key-1", "secret-never-shown")),
                withPassphrase)).isInstanceOf(Invalid.class).hasMessageContaining("passphrase").hasMessageNotContaining("secret-never");
        assertThat(Connections.require(connection(VENUE, VenueCredentials.of("key-1", "secret-never-shown")), descriptor(false)))
                .isNotNull();
        assertThatThrownBy(() -> Connections.require(connection(VENUE, null), withPassphrase)).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> Connections.require(connection(new VenueId("other"), full), withPassphrase))
                .isInstanceOf(Invalid.class).hasMessageContaining("other");
    }

    @Test
    void anAnswerReadWithAnotherVenuesMapperIsToldAsTheVenueAsked() {
        assertThatThrownBy(() -> VenueAnswers.readAs(VENUE, () -> {
            throw new VenueUnavailable(new VenueId("spotex"), "answered with a number that is not one", null);
        })).isInstanceOfSatisfying(VenueUnavailable.class, e -> {
            assertThat(e.venue()).isEqualTo(VENUE);
            assertThat(e.getMessage()).isEqualTo("testex: answered with a number that is not one");
        });
        assertThatThrownBy(() -> VenueAnswers.readAs(VENUE, () -> {
            throw new IllegalArgumentException("quantity is negative");
        })).isInstanceOfSatisfying(VenueUnavailable.class, e -> assertThat(e.venue()).isEqualTo(VENUE));
        assertThat(VenueAnswers.readAs(VENUE, () -> "fine")).isEqualTo("fine");
    }

    @Test
    void cachesExpireOnTheConnectionsClock() {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        Cache<String, String> cache = VenueCaches.expiring(now::get, Duration.ofSeconds(2), 10);
        cache.put("price", "1");
        now.set(T0.plusMillis(1_999));
        assertThat(cache.getIfPresent("price")).isEqualTo("1");
        now.set(T0.plusSeconds(2));
        assertThat(cache.getIfPresent("price")).isNull();
    }

    static VenueDescriptor descriptor(boolean passphrase) {
        return new VenueDescriptor(VENUE, "Testex", EnumSet.of(dev.bulwark.domain.market.Market.SPOT),
                EnumSet.of(dev.bulwark.domain.orders.OrderType.LIMIT), EnumSet.of(TimeInForce.GTC),
                EnumSet.of(VenueCapability.BALANCES), List.of(new RateLimit("r", 1, Duration.ofSeconds(1), RateLimit.Scope.IP)),
                EnumSet.of(VenueEnvironment.LIVE), passphrase);
    }

    static VenueConnection connection(VenueId venue, VenueCredentials credentials) {
        VenueAccount account = new VenueAccount(new VenueAccountId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), venue,
                "Test", Environment.LIVE, null, Set.of(Permission.READ), true, "key\u2026", new SealedSecret("s"),
                SyncState.never(), T0, T0);
        return new VenueConnection(account, VenueEnvironment.LIVE, null, credentials, () -> T0);
    }
}
