package dev.bulwark.ports.driven.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SPI's records refuse what would let a connection reach too far, leak a key, or describe a venue falsely. */
class VenueSpiRecordsTest {
    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");
    static final TimeSource CLOCK = () -> T0;
    static final VenueAccountId ACCOUNT = new VenueAccountId(new UUID(0, 7));
    static final Instrument BTC_USDT = Instrument.spot("BTC", "USDT");
    static final Instrument BTC_PERP = new Instrument(Asset.BTC, Asset.USDT, Market.USDM_FUTURES);
    static final ClientOrderId CID = new ClientOrderId("sig-1");
    static final BigDecimal ONE = BigDecimal.ONE;

    static VenueAccount account(VenueId venue, Environment environment, @Nullable String baseUrl) {
        SealedSecret sealed = venue.equals(VenueId.PAPER) ? null : new SealedSecret("v1:sealed");
        return new VenueAccount(ACCOUNT, new WorkspaceId(new UUID(0, 1)), venue, "Main", environment, baseUrl,
                Set.of(Permission.READ, Permission.TRADE), true, null, sealed, SyncState.never(), T0, T0);
    }

    static VenueDescriptor descriptor(VenueId id, Set<Market> markets, Set<OrderType> types,
            Set<VenueCapability> capabilities, Set<VenueEnvironment> environments) {
        return new VenueDescriptor(id, "Venue", markets, types, EnumSet.allOf(TimeInForce.class), capabilities,
                List.of(), environments, false);
    }

    static VenueDescriptor futuresVenue() {
        return descriptor(new VenueId("binance"), Set.of(Market.SPOT, Market.USDM_FUTURES), EnumSet.allOf(OrderType.class),
                EnumSet.of(VenueCapability.FUTURES, VenueCapability.POSITIONS, VenueCapability.TRAILING_STOP,
                        VenueCapability.QUOTE_AMOUNT, VenueCapability.OCO),
                Set.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET));
    }

    static OrderRequest request(Instrument instrument, OrderType type, OrderSize size, @Nullable BigDecimal limit,
            @Nullable BigDecimal stop, @Nullable TrailingOffset trailing, TimeInForce tif, boolean reduceOnly,
            @Nullable BigDecimal leverage) {
        return new OrderRequest(instrument, OrderSide.BUY, type, size, limit, stop, trailing, tif, CID, reduceOnly, leverage);
    }

    @Nested
    class Credentials {
        static final String KEY = "AKIAabcdefghijklmnopWXYZ";
        static final String SECRET = "s3cr3t-value-that-must-not-show";

        @Test
        void toStringShowsOnlyTheKeysHint() {
            String shown = new VenueCredentials(KEY, SECRET, "my pass phrase").toString();
            assertThat(shown).contains("AKIA\u2026WXYZ").doesNotContain(KEY).doesNotContain(SECRET)
                    .doesNotContain("my pass phrase");
            assertThat(VenueCredentials.of(KEY, SECRET).toString()).contains("passphrase=none");
        }

        @Test
        void aPemPrivateKeyIsASecret() {
            String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n";
            assertThat(VenueCredentials.of(KEY, pem).secret()).isEqualTo(pem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "with space", "tab\there"})
        void refusesAMalformedKeyWithoutQuotingIt(String key) {
            assertThatThrownBy(() -> VenueCredentials.of(key, SECRET))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.isEmpty() ? "\u0000" : key));
        }

        @Test
        void refusesABlankSecretOrPassphrase() {
            assertThatThrownBy(() -> VenueCredentials.of(KEY, "  ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new VenueCredentials(KEY, SECRET, " ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new VenueCredentials(KEY, SECRET, "a\nb")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> VenueCredentials.of(KEY, "x".repeat(VenueCredentials.MAX_SECRET + 1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theSealedTextGivesBackExactlyWhatWentIn() {
            String pem = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE:IA==|12:x\n-----END EC PRIVATE KEY-----\n";
            for (VenueCredentials credentials : List.of(VenueCredentials.of(KEY, SECRET),
                    new VenueCredentials(KEY, pem, "pass:phrase|1:"), VenueCredentials.of("k:1", "\u00e9t\u00e9 \ud83d\udd11"))) {
                assertThat(VenueCredentials.decode(credentials.encoded())).isEqualTo(credentials);
            }
            assertThat(VenueCredentials.of("key", "sec").encoded()).isEqualTo("v1|3:key3:sec");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "v2|3:key3:sec", "v1|3:key", "v1|3:key3:sec3:pas3:xyz", "v1|x:key3:sec",
                "v1|-1:3:key3:sec", "v1|3:key99:sec", "v1|3:key3:sec2147483647:", "v1|3:keysec"})
        void aDamagedSealedTextIsRefusedWithoutQuotingIt(String text) {
            assertThatThrownBy(() -> VenueCredentials.decode(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("key").doesNotContain("sec"));
        }
    }

    @Nested
    class Connections {
        final VenueCredentials credentials = VenueCredentials.of("key-1234567890abcdef", "secret");

        @Test
        void aPaperAccountNeverReachesALiveEndpointNorALiveAccountATestnet() {
            VenueAccount paper = account(new VenueId("binance"), Environment.PAPER, null);
            VenueAccount live = account(new VenueId("binance"), Environment.LIVE, null);
            assertThatThrownBy(() -> VenueConnection.of(paper, VenueEnvironment.LIVE, credentials, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PAPER account");
            assertThatThrownBy(() -> VenueConnection.of(live, VenueEnvironment.TESTNET, credentials, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(VenueConnection.of(paper, VenueEnvironment.TESTNET, credentials, CLOCK).environment())
                    .isEqualTo(VenueEnvironment.TESTNET);
            assertThat(VenueConnection.of(live, VenueEnvironment.LIVE, credentials, CLOCK).credentials())
                    .isEqualTo(credentials);
        }

        @Test
        void thePaperVenueIsSimulatedAndTakesNoKey() {
            VenueAccount paper = account(VenueId.PAPER, Environment.PAPER, null);
            assertThat(VenueConnection.of(paper, VenueEnvironment.PAPER, null, CLOCK).credentials()).isNull();
            assertThatThrownBy(() -> VenueConnection.of(paper, VenueEnvironment.TESTNET, null, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> VenueConnection.of(paper, VenueEnvironment.PAPER, credentials, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void ofTakesTheAccountsBaseUrl() {
            VenueAccount account = account(new VenueId("binance"), Environment.PAPER, "https://testnet.binance.vision");
            assertThat(VenueConnection.of(account, VenueEnvironment.TESTNET, credentials, CLOCK).baseUrl())
                    .isEqualTo("https://testnet.binance.vision");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://api.binance.com", "https://fapi.binance.com:443/fapi", "http://127.0.0.1:8089",
                "http://localhost:1234/api", "http://[::1]:80"})
        void acceptsHttpsOrLoopbackHttp(String url) {
            VenueAccount account = account(new VenueId("binance"), Environment.LIVE, null);
            assertThat(new VenueConnection(account, VenueEnvironment.LIVE, url, credentials, CLOCK).baseUrl()).isEqualTo(url);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://api.binance.com", "https://user:pw@api.binance.com", "https://api.binance.com?x=1",
                "https://api.binance.com/#frag", "ftp://api.binance.com", "http://localhost.evil.com", ""})
        void refusesAnythingElseAsABaseUrl(String url) {
            VenueAccount account = account(new VenueId("binance"), Environment.LIVE, null);
            assertThatThrownBy(() -> new VenueConnection(account, VenueEnvironment.LIVE, url, credentials, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Descriptors {
        @Test
        void setsAreCopiedIntoDeclarationOrder() {
            Set<Market> markets = new HashSet<>(List.of(Market.USDM_FUTURES, Market.SPOT));
            VenueDescriptor d = descriptor(new VenueId("binance"), markets, Set.of(OrderType.LIMIT, OrderType.MARKET),
                    Set.of(VenueCapability.POSITIONS, VenueCapability.FUTURES), Set.of(VenueEnvironment.LIVE));
            markets.clear();
            assertThat(d.markets()).containsExactly(Market.SPOT, Market.USDM_FUTURES);
            assertThat(d.orderTypes()).containsExactly(OrderType.MARKET, OrderType.LIMIT);
            assertThatThrownBy(() -> d.capabilities().add(VenueCapability.OCO)).isInstanceOf(UnsupportedOperationException.class);
            assertThat(futuresVenue().nativeOco()).isTrue();
        }

        @Test
        void refusesADescriptorThatContradictsItself() {
            VenueId id = new VenueId("binance");
            Set<OrderType> basic = Set.of(OrderType.MARKET);
            Set<VenueEnvironment> live = Set.of(VenueEnvironment.LIVE);
            assertThatThrownBy(() -> descriptor(id, Set.of(), basic, Set.of(), live))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("markets");
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.USDM_FUTURES), basic, Set.of(VenueCapability.POSITIONS), live))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FUTURES");
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.SPOT), basic,
                    Set.of(VenueCapability.FUTURES, VenueCapability.POSITIONS), live))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.USDM_FUTURES), basic, Set.of(VenueCapability.FUTURES), live))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POSITIONS");
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.SPOT), Set.of(OrderType.TRAILING_STOP), Set.of(), live))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TRAILING_STOP");
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.SPOT), basic, Set.of(VenueCapability.TRAILING_STOP), live))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> descriptor(id, Set.of(Market.SPOT), basic, Set.of(), Set.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> descriptor(VenueId.PAPER, Set.of(Market.SPOT), basic, Set.of(),
                    Set.of(VenueEnvironment.PAPER, VenueEnvironment.LIVE)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paper venue");
            RateLimit limit = new RateLimit("orders", 10, Duration.ofSeconds(1), RateLimit.Scope.ACCOUNT);
            assertThatThrownBy(() -> new VenueDescriptor(id, "Venue", Set.of(Market.SPOT), basic, Set.of(TimeInForce.GTC),
                    Set.of(), List.of(limit, limit), live, false))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
            assertThatThrownBy(() -> new VenueDescriptor(id, " Venue", Set.of(Market.SPOT), basic, Set.of(TimeInForce.GTC),
                    Set.of(), List.of(), live, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void unsupportedNamesWhatTheVenueOrTheAccountLacks() {
            VenueDescriptor spotOnly = descriptor(new VenueId("kraken"), Set.of(Market.SPOT),
                    Set.of(OrderType.MARKET, OrderType.LIMIT), Set.of(VenueCapability.BALANCES), Set.of(VenueEnvironment.LIVE));
            OrderRequest perp = OrderRequest.market(BTC_PERP, OrderSide.BUY, OrderSize.quantity(ONE), CID);
            OrderRequest stop = request(BTC_USDT, OrderType.STOP_MARKET, OrderSize.quantity(ONE), null, ONE, null,
                    TimeInForce.GTC, false, null);
            OrderRequest quote = OrderRequest.market(BTC_USDT, OrderSide.BUY, OrderSize.quoteAmount(ONE), CID);
            assertThat(spotOnly.unsupported(perp, spotOnly.capabilities())).hasValueSatisfying(r -> assertThat(r).contains("USDM_FUTURES"));
            assertThat(spotOnly.unsupported(stop, spotOnly.capabilities())).hasValueSatisfying(r -> assertThat(r).contains("STOP_MARKET"));
            assertThat(spotOnly.unsupported(quote, spotOnly.capabilities())).isPresent();
            assertThat(spotOnly.unsupported(OrderRequest.market(BTC_USDT, OrderSide.BUY, OrderSize.quantity(ONE), CID),
                    spotOnly.capabilities())).isEmpty();

            VenueDescriptor binance = futuresVenue();
            OrderRequest trailing = request(BTC_PERP, OrderType.TRAILING_STOP, OrderSize.quantity(ONE), null, null,
                    new TrailingOffset.ByPercent(ONE), TimeInForce.GTC, true, null);
            assertThat(binance.unsupported(trailing, binance.capabilities())).isEmpty();
            // the account behind this gateway has no futures access, though the venue has futures
            assertThat(binance.unsupported(perp, EnumSet.of(VenueCapability.QUOTE_AMOUNT)))
                    .hasValueSatisfying(r -> assertThat(r).contains("no access to futures"));
            assertThat(binance.unsupported(quote, EnumSet.noneOf(VenueCapability.class))).isPresent();
        }

        @Test
        void rateLimitsAreWellFormed() {
            assertThatThrownBy(() -> new RateLimit("Orders", 1, Duration.ofSeconds(1), RateLimit.Scope.IP))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RateLimit("orders", 0, Duration.ofSeconds(1), RateLimit.Scope.IP))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new RateLimit("orders", 1, Duration.ZERO, RateLimit.Scope.IP))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Requests {
        @Test
        void refusesPricesTheTypeDoesNotTakeAndMissesThoseItNeeds() {
            OrderSize one = OrderSize.quantity(ONE);
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.LIMIT, one, null, null, null, TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a limit price");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.MARKET, one, ONE, null, null, TimeInForce.IOC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no limit price");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.STOP_MARKET, one, null, null, null, TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stop");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.LIMIT, one, ONE, ONE, null, TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no stop price");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.LIMIT, one, ONE, null, new TrailingOffset.ByAmount(ONE),
                    TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.TRAILING_STOP, one, null, null, null, TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a trailing offset");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.LIMIT, OrderSize.quoteAmount(ONE), ONE, null, null,
                    TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quote amount");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.MARKET, one, null, null, null, TimeInForce.GTC, false, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IOC");
        }

        @Test
        void reduceOnlyAndLeverageBelongToFutures() {
            OrderSize one = OrderSize.quantity(ONE);
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.MARKET, one, null, null, null, TimeInForce.IOC, true, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reduce-only");
            assertThatThrownBy(() -> request(BTC_USDT, OrderType.MARKET, one, null, null, null, TimeInForce.IOC, false, ONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leverage");
            assertThatThrownBy(() -> request(BTC_PERP, OrderType.MARKET, one, null, null, null, TimeInForce.IOC, false,
                    new BigDecimal("0.5")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
            OrderRequest perp = request(BTC_PERP, OrderType.MARKET, one, null, null, null, TimeInForce.IOC, true,
                    new BigDecimal("5.00"));
            assertThat(perp.leverage()).isEqualTo(new BigDecimal("5"));
            assertThat(perp.reduceOnly()).isTrue();
        }

        @Test
        void becomesANewOrderUnderTheDerivedId() {
            OrderRequest limit = OrderRequest.limit(BTC_USDT, OrderSide.SELL, new BigDecimal("0.50"), new BigDecimal("100.0"),
                    TimeInForce.FOK, CID);
            Order order = limit.toNewOrder(ACCOUNT, T0);
            assertThat(order.status()).isEqualTo(OrderStatus.NEW);
            assertThat(order.id()).isEqualTo(VenueGateway.orderIdOf(ACCOUNT, CID));
            assertThat(order.limitPrice()).isEqualTo(new BigDecimal("100"));
            assertThat(order.size()).isEqualTo(OrderSize.quantity(new BigDecimal("0.5")));
            assertThat(order.timeInForce()).isEqualTo(TimeInForce.FOK);
        }
    }

    @Nested
    class Results {
        final Order newOrder = OrderRequest.market(BTC_USDT, OrderSide.BUY, OrderSize.quantity(ONE), CID).toNewOrder(ACCOUNT, T0);

        @Test
        void aPlacedOrderHasBeenAcknowledged() {
            assertThatThrownBy(() -> new PlacementResult.Placed(newOrder)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PlacementResult.Placed(newOrder.transitionTo(OrderStatus.REJECTED, T0)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(new PlacementResult.Placed(newOrder.transitionTo(OrderStatus.EXPIRED, T0)).order().status())
                    .isEqualTo(OrderStatus.EXPIRED);
        }

        @Test
        void rejectionsAndRefusalsCarryACodeWithoutSpacesAndAReason() {
            assertThat(new PlacementResult.Rejected("venue:-2010", "Account has insufficient balance").code())
                    .isEqualTo("venue:-2010");
            assertThatThrownBy(() -> new PlacementResult.Rejected("two words", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PlacementResult.Rejected("code", " ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CancelResult.Refused("", "x")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CancelResult.Refused("code", "")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void cancelOutcomesMatchTheOrdersState() {
            Order accepted = newOrder.transitionTo(OrderStatus.ACCEPTED, T0);
            assertThatThrownBy(() -> new CancelResult.Cancelled(accepted)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CancelResult.AlreadyFinal(accepted)).isInstanceOf(IllegalArgumentException.class);
            Order expired = accepted.transitionTo(OrderStatus.EXPIRED, T0);
            assertThatThrownBy(() -> new CancelResult.Cancelled(expired)).isInstanceOf(IllegalArgumentException.class);
            assertThat(new CancelResult.AlreadyFinal(expired).order()).isEqualTo(expired);
        }

        @Test
        void aCredentialCheckIsEitherValidWithPermissionsOrRefusedWithAProblem() {
            CredentialCheck withdraw = CredentialCheck.valid(Set.of(Permission.WITHDRAW, Permission.READ));
            assertThat(withdraw.canWithdraw()).isTrue();
            assertThat(withdraw.canTrade()).isFalse();
            assertThat(withdraw.permissions()).containsExactly(Permission.READ, Permission.WITHDRAW);
            assertThat(CredentialCheck.invalid("API key expired").problem()).isEqualTo("API key expired");
            assertThatThrownBy(() -> CredentialCheck.valid(Set.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CredentialCheck.invalid(" ")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CredentialCheck(false, Set.of(Permission.READ), "nope"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CredentialCheck(true, Set.of(Permission.READ), "but"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theDerivedOrderIdIsStableVersion3AndDistinctPerAccountAndClientId() {
        UUID id = VenueGateway.orderIdOf(ACCOUNT, CID).value();
        assertThat(VenueGateway.orderIdOf(ACCOUNT, new ClientOrderId("sig-1")).value()).isEqualTo(id);
        assertThat(id.version()).isEqualTo(3);
        assertThat(VenueGateway.orderIdOf(new VenueAccountId(new UUID(0, 8)), CID).value()).isNotEqualTo(id);
        assertThat(VenueGateway.orderIdOf(ACCOUNT, new ClientOrderId("sig-2")).value()).isNotEqualTo(id);
        // fixed, so every adapter and every restart computes the same id
        assertThat(id).isEqualTo(UUID.nameUUIDFromBytes(
                ("bulwark-order:" + ACCOUNT.value() + ":sig-1").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void environmentsSayWhetherMoneyIsReal() {
        assertThat(VenueEnvironment.LIVE.environment()).isEqualTo(Environment.LIVE);
        assertThat(VenueEnvironment.TESTNET.environment()).isEqualTo(Environment.PAPER);
        assertThat(VenueEnvironment.PAPER.movesRealMoney()).isFalse();
        assertThat(VenueEnvironment.LIVE.movesRealMoney()).isTrue();
    }
}
