package dev.bulwark.application.venues;

import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.ports.driving.venues.VenueCommands.SetRiskProfile;
import dev.bulwark.ports.driving.venues.VenueViews.RiskProfileView;
import java.math.BigDecimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.application.venues.VenueFakes.FakeConnector;
import dev.bulwark.application.venues.VenueFakes.MemoryAuditLog;
import dev.bulwark.application.venues.VenueFakes.MemoryRiskProfiles;
import dev.bulwark.application.venues.VenueFakes.MemoryTransactions;
import dev.bulwark.application.venues.VenueFakes.MemoryVault;
import dev.bulwark.application.venues.VenueFakes.MemoryVenueAccounts;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.Permission;
import dev.bulwark.domain.venues.SyncState;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.venues.CredentialCheck;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.venues.ConnectVenues;
import dev.bulwark.ports.driving.venues.VenueCommands.CreateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueCommands.ReplaceCredentials;
import dev.bulwark.ports.driving.venues.VenueCommands.UpdateVenueAccount;
import dev.bulwark.ports.driving.venues.VenueViews.CredentialUse;
import dev.bulwark.ports.driving.venues.VenueViews.VenueAccountView;
import dev.bulwark.ports.driving.venues.VenueViews.VenueInfo;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectVenuesTest {
    static final String KEY = "AKIAabcdefghijklmnopWXYZ";
    static final String SECRET = "s3cr3t-that-must-never-show";
    static final String PASSPHRASE = "correct horse battery";
    static final String CODE = "123456";

    static final VenueId BX = new VenueId("bx");
    static final VenueId OX = new VenueId("ox");

    static final VenueDescriptor BX_VENUE = descriptor(BX, "Bx Exchange", Set.of(VenueEnvironment.LIVE, VenueEnvironment.TESTNET),
            false, Set.of(VenueCapability.BALANCES, VenueCapability.PERMISSIONS, VenueCapability.OCO));
    static final VenueDescriptor OX_VENUE = descriptor(OX, "Ox Exchange", Set.of(VenueEnvironment.LIVE), true,
            Set.of(VenueCapability.BALANCES));
    static final VenueDescriptor PAPER_VENUE = descriptor(VenueId.PAPER, "Paper", Set.of(VenueEnvironment.PAPER), false,
            Set.of(VenueCapability.BALANCES));

    final WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
    final WorkspaceId otherWorkspace = new WorkspaceId(new UUID(1, 2));
    final Principal owner = person(workspace, Role.OWNER);
    final Principal otherOwner = person(otherWorkspace, Role.OWNER);

    final AtomicReference<Instant> clock = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));
    final AtomicLong nextId = new AtomicLong();
    final MemoryVenueAccounts accounts = new MemoryVenueAccounts();
    final MemoryAuditLog audit = new MemoryAuditLog();
    final MemoryTransactions transactions = new MemoryTransactions(accounts, audit);
    final MemoryRiskProfiles riskProfiles = new MemoryRiskProfiles(accounts);
    final MemoryVault vault = new MemoryVault(audit, this::tick);
    final FakeConnector connector = new FakeConnector(List.of(BX_VENUE, OX_VENUE, PAPER_VENUE),
            List.of(VenueFakes.circuit(BX, VenueCircuit.State.OPEN)), vault);
    final List<String> secondFactorsAsked = new ArrayList<>();
    final ConnectVenues venues = VenuesFactory.connectVenues(accounts, riskProfiles, connector, vault, audit, transactions,
            this::tick, () -> new UUID(0, nextId.incrementAndGet()), (principal, code) -> {
                secondFactorsAsked.add(principal.actor());
                if (!CODE.equals(code)) {
                    throw new Unauthorized(code == null ? "a second factor is required" : "the code is wrong");
                }
            });

    {
        accounts.transactions = transactions;
        transactions.profiles = riskProfiles;
    }

    /** Every read of the clock is a second later, so audit entries have distinct times to page by. */
    Instant tick() {
        return clock.updateAndGet(t -> t.plusSeconds(1));
    }

    static VenueDescriptor descriptor(VenueId id, String name, Set<VenueEnvironment> environments, boolean passphrase,
                                      Set<VenueCapability> capabilities) {
        return new VenueDescriptor(id, name, Set.of(Market.SPOT), Set.of(OrderType.MARKET, OrderType.LIMIT),
                Set.of(TimeInForce.GTC), capabilities, List.of(), environments, passphrase);
    }

    static Principal person(WorkspaceId workspace, Role role) {
        return new Principal(new UserId(UUID.nameUUIDFromBytes(role.name().getBytes())), workspace, role,
                Set.of(Scope.READ, Scope.TRADE, Scope.MANAGE), new SessionId(new UUID(9, role.ordinal())), null);
    }

    static Principal apiKey(WorkspaceId workspace, Set<Scope> scopes) {
        return new Principal(new UserId(new UUID(7, 7)), workspace, Role.OWNER, scopes, null, new ApiKeyId(new UUID(8, 8)));
    }

    static CreateVenueAccount bx(String label, Environment environment) {
        return new CreateVenueAccount("bx", label, environment, null, KEY, SECRET, null, CODE);
    }

    VenueAccountView createBx(String label) {
        return venues.create(owner, bx(label, Environment.LIVE));
    }

    static List<String> fields(Throwable error) {
        assertThat(error).isInstanceOf(Invalid.class);
        return ((Invalid) error).fieldErrors().stream().map(FieldError::field).toList();
    }

    /** Everything a user or a log could see of an outcome: no key, secret or passphrase in it. */
    static void assertNoSecretIn(Object... shown) {
        for (Object thing : shown) {
            String text = thing instanceof Throwable t ? t + " " + t.getMessage() + " " + fieldErrorsOf(t) : String.valueOf(thing);
            assertThat(text).doesNotContain(SECRET).doesNotContain(KEY).doesNotContain(PASSPHRASE);
        }
    }

    private static String fieldErrorsOf(Throwable t) {
        return t instanceof Invalid invalid ? invalid.fieldErrors().toString() : "";
    }

    @Test
    void listsEveryVenueWithTheEnvironmentsAUserChoosesAndItsCircuit() {
        List<VenueInfo> infos = venues.venues();

        assertThat(infos).extracting(VenueInfo::id).containsExactly(BX, OX, VenueId.PAPER);
        VenueInfo bx = infos.get(0);
        assertThat(bx.displayName()).isEqualTo("Bx Exchange");
        assertThat(bx.environments()).containsExactly("PAPER", "LIVE");
        assertThat(bx.needsCredentials()).isTrue();
        assertThat(bx.needsPassphrase()).isFalse();
        assertThat(bx.nativeOco()).isTrue();
        assertThat(bx.circuit()).isEqualTo(new VenueCircuit(BX, VenueCircuit.State.OPEN, 5));
        assertThat(infos.get(1).environments()).containsExactly("LIVE");
        assertThat(infos.get(1).needsPassphrase()).isTrue();
        assertThat(infos.get(1).circuit()).isNull();
        assertThat(infos.get(2).environments()).containsExactly("PAPER");
        assertThat(infos.get(2).needsCredentials()).isFalse();
        assertThat(infos.get(2).markets()).containsExactly(Market.SPOT);
    }

    @Nested
    class Create {
        @Test
        void checksTheKeyWithTheVenueAndStoresTheAccountWithThePermissionsFound() {
            VenueAccountView view = venues.create(owner, new CreateVenueAccount(" bx ", "  Main  ", Environment.LIVE,
                    "https://api.bx.example/v3", KEY, SECRET, null, CODE));

            assertThat(view.venue()).isEqualTo(BX);
            assertThat(view.label()).isEqualTo("Main");
            assertThat(view.environment()).isEqualTo(Environment.LIVE);
            assertThat(view.baseUrl()).isEqualTo("https://api.bx.example/v3");
            assertThat(view.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.TRADE);
            assertThat(view.active()).isTrue();
            assertThat(view.apiKeyHint()).isEqualTo("AKIA\u2026WXYZ");
            assertThat(view.sync()).isEqualTo(SyncState.never());
            assertThat(view.updatedAt()).isEqualTo(view.createdAt());
            // the venue saw exactly the credentials given, opened from the vault for the check, and was closed
            assertThat(connector.checked).containsExactly(VenueCredentials.of(KEY, SECRET));
            assertThat(connector.purposes).containsExactly(VenueAccountService.CHECK_PURPOSE);
            assertThat(connector.closed).isEqualTo(connector.connected).isEqualTo(1);
            assertThat(secondFactorsAsked).containsExactly(owner.actor());
            // stored sealed, bound to the workspace and the account, with the audit entry in one transaction
            VenueAccount stored = accounts.find(workspace, view.id()).orElseThrow();
            assertThat(VenueAccountService.view(stored)).isEqualTo(view);
            assertThat(vault.sealedAs(stored.credentials()).getValue())
                    .isEqualTo(new SecretBinding(workspace, "venue-account:" + view.id()));
            assertThat(VenueCredentials.decode(vault.sealedAs(stored.credentials()).getKey()))
                    .isEqualTo(VenueCredentials.of(KEY, SECRET));
            assertThat(accounts.wroteOutsideTransaction).isFalse();
            AuditEntry created = audit.actions(VenueAccountService.CREATED).getFirst();
            assertThat(created.actor()).isEqualTo(owner.actor());
            assertThat(created.workspace()).isEqualTo(workspace);
            assertThat(created.target()).isEqualTo("venue-account:" + view.id());
            assertThat(created.details()).containsEntry("venue", "bx").containsEntry("label", "Main")
                    .containsEntry("environment", "LIVE").containsEntry("permissions", "READ,TRADE")
                    .containsEntry("apiKeyHint", "AKIA\u2026WXYZ");
            // the opening for the check is an audited use of the account's credentials
            assertThat(audit.actions("secret.open")).singleElement()
                    .satisfies(e -> assertThat(e.target()).isEqualTo("venue-account:" + view.id()));
            assertNoSecretIn(view, stored, audit.entries, created.details());
        }

        @Test
        void aTestnetAccountWithAPassphraseVenueKeepsThePassphrase() {
            venues.create(owner, new CreateVenueAccount("ox", "ox", Environment.LIVE, null, KEY, SECRET, PASSPHRASE, CODE));

            assertThat(connector.checked).containsExactly(new VenueCredentials(KEY, SECRET, PASSPHRASE));
        }

        @Test
        void aTestnetKeyStillNeedsTheSecondFactor() {
            Throwable error = catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", "test", Environment.PAPER, null, KEY, SECRET, null, null)));

            assertThat(error).isInstanceOf(Unauthorized.class);
            assertThat(accounts.rows).isEmpty();
            assertThat(connector.connected).isZero();

            VenueAccountView view = venues.create(owner, bx("test", Environment.PAPER));
            assertThat(view.environment()).isEqualTo(Environment.PAPER);
        }

        @Test
        void aPaperAccountNeedsNoKeyNoSecondFactorAndNoVenue() {
            VenueAccountView view = venues.create(owner,
                    new CreateVenueAccount("paper", "Practice", Environment.PAPER, null, null, null, null, null));

            assertThat(view.venue()).isEqualTo(VenueId.PAPER);
            assertThat(view.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.TRADE);
            assertThat(view.apiKeyHint()).isNull();
            assertThat(secondFactorsAsked).isEmpty();
            assertThat(connector.connected).isZero();
            assertThat(audit.actions(VenueAccountService.CREATED)).hasSize(1);
        }

        @ParameterizedTest
        @MethodSource("dev.bulwark.application.venues.ConnectVenuesTest#cannotManage")
        void onlyAnOwnerSignedInAsAPersonConnectsAVenue(Principal who) {
            assertThatThrownBy(() -> venues.create(who, bx("Main", Environment.LIVE))).isInstanceOf(Forbidden.class);

            assertThat(accounts.rows).isEmpty();
            assertThat(secondFactorsAsked).isEmpty();
            assertThat(connector.connected).isZero();
        }

        @ParameterizedTest
        @CsvSource(nullValues = "null", value = {"null", "'  '", "nope", "BX!", "a-very-long-venue-id-that-is-too-long-for-an-id"})
        void anUnknownVenueIsTheVenueField(@Nullable String venue) {
            Throwable error = catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount(venue, "Main", Environment.LIVE, null, KEY, SECRET, null, CODE)));

            assertThat(fields(error)).containsExactly("venue");
            assertThat(secondFactorsAsked).isEmpty();
        }

        @Test
        void everyWrongFieldIsReportedAtOnceBeforeTheSecondFactorIsSpent() {
            Throwable error = catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", " ", null, "http://api.bx.example", null, "  ", null, CODE)));

            assertThat(fields(error)).containsExactly("label", "environment", "baseUrl", "apiKey", "apiSecret");
            assertThat(secondFactorsAsked).isEmpty();
            assertThat(connector.connected).isZero();
            assertThat(accounts.rows).isEmpty();
        }

        @Test
        void aLabelOrBaseUrlTheDomainRefusesIsItsField() {
            assertThat(fields(catchThrowable(() -> venues.create(owner, bx("x".repeat(101), Environment.LIVE)))))
                    .containsExactly("label");
            assertThat(fields(catchThrowable(() -> venues.create(owner, bx("tab\there", Environment.LIVE)))))
                    .containsExactly("label");
            assertThat(fields(catchThrowable(() -> venues.create(owner, new CreateVenueAccount("bx", "Main",
                    Environment.LIVE, "https://user:pw@api.bx.example", KEY, SECRET, null, CODE))))).containsExactly("baseUrl");
            assertThat(fields(catchThrowable(() -> venues.create(owner, new CreateVenueAccount("bx", "Main",
                    Environment.LIVE, "https://api.bx.example/?key=1", KEY, SECRET, null, CODE))))).containsExactly("baseUrl");
        }

        @Test
        void credentialsAreCheckedAgainstWhatTheVenueNeeds() {
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("ox", "o", Environment.LIVE, null, KEY, SECRET, null, CODE)))))
                    .containsExactly("passphrase");
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", "b", Environment.LIVE, null, KEY, SECRET, PASSPHRASE, CODE)))))
                    .containsExactly("passphrase");
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", "b", Environment.LIVE, null, "has space", SECRET, null, CODE)))))
                    .containsExactly("apiKey");
            assertThat(fields(catchThrowable(() -> venues.create(owner, new CreateVenueAccount("bx", "b",
                    Environment.LIVE, null, KEY, "x".repeat(VenueCredentials.MAX_SECRET + 1), null, CODE)))))
                    .containsExactly("apiSecret");
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("paper", "p", Environment.PAPER, null, KEY, SECRET, null, null)))))
                    .containsExactly("apiKey", "apiSecret");
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("paper", "p", Environment.PAPER, "https://x.example", null, null, null, null)))))
                    .containsExactly("baseUrl");
            assertThat(secondFactorsAsked).isEmpty();
            assertThat(accounts.rows).isEmpty();
        }

        @Test
        void anEnvironmentTheVenueDoesNotOfferIsRefused() {
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("ox", "o", Environment.PAPER, null, KEY, SECRET, PASSPHRASE, CODE)))))
                    .containsExactly("environment");
            assertThat(fields(catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("paper", "p", Environment.LIVE, null, null, null, null, CODE)))))
                    .containsExactly("environment");
        }

        @Test
        void aSecretTooLongToSealIsTheSecretsField() {
            vault.maxBytes = 100;

            Throwable error = catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", "b", Environment.LIVE, null, KEY, SECRET + "x".repeat(100), null, CODE)));

            assertThat(fields(error)).containsExactly("apiSecret");
            assertThat(secondFactorsAsked).isEmpty();
            assertNoSecretIn(error);
        }

        @Test
        void aKeyTheVenueRefusesIsTheKeyFieldWithTheVenuesReasonAndNothingIsStored() {
            connector.answer = c -> CredentialCheck.invalid("API key expired");

            Throwable error = catchThrowable(() -> createBx("Main"));

            assertThat(((Invalid) error).fieldErrors()).containsExactly(new FieldError("apiKey", "API key expired"));
            assertThat(accounts.rows).isEmpty();
            assertThat(audit.actions(VenueAccountService.CREATED)).isEmpty();
            assertThat(connector.closed).isEqualTo(1);
            assertNoSecretIn(error);
        }

        @Test
        void aKeyTheGatewayCallsUnauthorizedIsRefusedTheSameWay() {
            connector.answer = c -> {
                throw new Unauthorized("invalid signature");
            };

            Throwable error = catchThrowable(() -> createBx("Main"));

            assertThat(((Invalid) error).fieldErrors()).containsExactly(new FieldError("apiKey", "invalid signature"));
            assertThat(accounts.rows).isEmpty();
            assertThat(connector.closed).isEqualTo(1);
        }

        @Test
        void aKeyThatCanWithdrawIsRefused() {
            connector.answer = c -> CredentialCheck.valid(Set.of(Permission.READ, Permission.TRADE, Permission.WITHDRAW));

            Throwable error = catchThrowable(() -> createBx("Main"));

            assertThat(((Invalid) error).fieldErrors()).containsExactly(new FieldError("apiKey",
                    "keys that can withdraw are refused: create a key without withdrawal permission"));
            assertThat(accounts.rows).isEmpty();
            assertThat(connector.closed).isEqualTo(1);
            assertNoSecretIn(error);
        }

        @Test
        void aVenueThatDoesNotAnswerFailsTheCreateWithNothingStoredAndTheGatewayClosed() {
            VenueUnavailable down = new VenueUnavailable(BX, "timed out", null);
            connector.answer = c -> {
                throw down;
            };

            assertThatThrownBy(() -> createBx("Main")).isSameAs(down);
            assertThat(accounts.rows).isEmpty();
            assertThat(audit.actions(VenueAccountService.CREATED)).isEmpty();
            assertThat(connector.closed).isEqualTo(connector.connected).isEqualTo(1);
        }

        @Test
        void aVenueThatCannotBeConnectedFailsTheCreateWithNothingStored() {
            connector.failToConnect = new VenueUnavailable(BX, "circuit open", null);

            assertThatThrownBy(() -> createBx("Main")).isInstanceOf(VenueUnavailable.class);
            assertThat(accounts.rows).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(nullValues = "null", value = {"null", "654321"})
        void aMissingOrWrongSecondFactorStopsTheCreateBeforeTheVenueIsAsked(@Nullable String code) {
            Throwable error = catchThrowable(() -> venues.create(owner,
                    new CreateVenueAccount("bx", "Main", Environment.LIVE, null, KEY, SECRET, null, code)));

            assertThat(error).isInstanceOf(Unauthorized.class);
            assertThat(connector.connected).isZero();
            assertThat(accounts.rows).isEmpty();
            assertNoSecretIn(error);
        }

        @Test
        void aLabelTakenInTheWorkspaceRegardlessOfCaseIsAConflict() {
            createBx("Main");

            assertThatThrownBy(() -> createBx("MAIN")).isInstanceOf(Conflict.class);
            assertThat(accounts.rows).hasSize(1);
            assertThat(audit.actions(VenueAccountService.CREATED)).hasSize(1);
            // another workspace may use the label
            assertThat(venues.create(otherOwner, bx("Main", Environment.LIVE)).label()).isEqualTo("Main");
        }

        @ParameterizedTest
        @CsvSource({
            "abcdefghijklmnopqrstuvwxyz, abcd\u2026wxyz",
            "abcdefghijklmnop, abcd\u2026mnop",
            "abcdefghijklmno, \u2026lmno",
            "abcdefgh, \u2026efgh",
            "abcdefg, \u2026"})
        void theKeyShowsOnlyAsAHintThatMasksMoreOfAShortKey(String key, String hint) {
            VenueAccountView view = venues.create(owner,
                    new CreateVenueAccount("bx", "Main", Environment.LIVE, null, key, SECRET, null, CODE));

            assertThat(view.apiKeyHint()).isEqualTo(hint);
            assertThat(view.toString()).doesNotContain(key);
        }
    }

    static Stream<Principal> cannotManage() {
        WorkspaceId workspace = new WorkspaceId(new UUID(1, 1));
        return Stream.of(person(workspace, Role.VIEWER), person(workspace, Role.TRADER),
                apiKey(workspace, Set.of(Scope.READ, Scope.TRADE)));
    }

    @Nested
    class Read {
        @Test
        void aMemberListsAndGetsOnlyTheWorkspacesAccounts() {
            VenueAccountView mine = createBx("b-main");
            venues.create(owner, new CreateVenueAccount("paper", "a-paper", Environment.PAPER, null, null, null, null, null));
            VenueAccountView theirs = venues.create(otherOwner, bx("theirs", Environment.LIVE));

            Principal viewer = person(workspace, Role.VIEWER);
            assertThat(venues.list(viewer)).extracting(VenueAccountView::label).containsExactly("a-paper", "b-main");
            assertThat(venues.get(viewer, mine.id())).isEqualTo(mine);
            assertThat(venues.get(apiKey(workspace, Set.of(Scope.READ)), mine.id())).isEqualTo(mine);
            assertThatThrownBy(() -> venues.get(owner, theirs.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> venues.get(owner, new VenueAccountId(new UUID(5, 5)))).isInstanceOf(NotFound.class);
            assertNoSecretIn(venues.list(owner), venues.get(owner, mine.id()));
        }

        @Test
        void aKeyWithoutTheReadScopeReadsNothing() {
            VenueAccountView mine = createBx("Main");
            Principal tradeOnly = apiKey(workspace, Set.of(Scope.TRADE));

            assertThatThrownBy(() -> venues.list(tradeOnly)).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.get(tradeOnly, mine.id())).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.credentialUses(tradeOnly, mine.id(), null, 10)).isInstanceOf(Forbidden.class);
        }
    }

    @Nested
    class Update {
        @Test
        void renamesAndDeactivatesWithoutASecondFactorAndAuditsWhatChanged() {
            VenueAccountView created = venues.create(owner, bx("Main", Environment.PAPER));
            secondFactorsAsked.clear();

            VenueAccountView changed = venues.update(owner, created.id(), new UpdateVenueAccount(" Spot ", false, null, null));

            assertThat(changed.label()).isEqualTo("Spot");
            assertThat(changed.active()).isFalse();
            assertThat(changed.environment()).isEqualTo(Environment.PAPER);
            assertThat(changed.updatedAt()).isAfter(created.updatedAt());
            assertThat(changed.apiKeyHint()).isEqualTo(created.apiKeyHint());
            assertThat(venues.get(owner, created.id())).isEqualTo(changed);
            assertThat(secondFactorsAsked).isEmpty();
            assertThat(audit.actions(VenueAccountService.UPDATED)).singleElement().satisfies(e -> {
                assertThat(e.details()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("label", "Spot", "active", "false"));
                assertThat(e.target()).isEqualTo("venue-account:" + created.id());
            });
            assertThat(accounts.wroteOutsideTransaction).isFalse();
        }

        @Test
        void goingLiveNeedsTheSecondFactorAndGoingBackToPaperDoesNot() {
            VenueAccountView created = venues.create(owner, bx("Main", Environment.PAPER));
            secondFactorsAsked.clear();

            assertThatThrownBy(() -> venues.update(owner, created.id(), new UpdateVenueAccount(null, null, Environment.LIVE, null)))
                    .isInstanceOf(Unauthorized.class);
            assertThatThrownBy(() -> venues.update(owner, created.id(), new UpdateVenueAccount(null, null, Environment.LIVE, "000000")))
                    .isInstanceOf(Unauthorized.class);
            assertThat(venues.get(owner, created.id()).environment()).isEqualTo(Environment.PAPER);
            assertThat(audit.actions(VenueAccountService.UPDATED)).isEmpty();

            assertThat(venues.update(owner, created.id(), new UpdateVenueAccount(null, null, Environment.LIVE, CODE))
                    .environment()).isEqualTo(Environment.LIVE);
            assertThat(secondFactorsAsked).hasSize(3);
            assertThat(venues.update(owner, created.id(), new UpdateVenueAccount(null, null, Environment.PAPER, null))
                    .environment()).isEqualTo(Environment.PAPER);
            assertThat(secondFactorsAsked).hasSize(3);
        }

        @Test
        void nothingToChangeWritesNothing() {
            VenueAccountView created = createBx("Main");

            assertThat(venues.update(owner, created.id(), new UpdateVenueAccount("Main", true, Environment.LIVE, null)))
                    .isEqualTo(created);
            assertThat(audit.actions(VenueAccountService.UPDATED)).isEmpty();
        }

        @Test
        void refusesWhatTheAccountCannotBecome() {
            VenueAccountView main = createBx("Main");
            createBx("Other");
            VenueAccountView ox = venues.create(owner, new CreateVenueAccount("ox", "ox", Environment.LIVE, null, KEY,
                    SECRET, PASSPHRASE, CODE));

            assertThatThrownBy(() -> venues.update(owner, main.id(), new UpdateVenueAccount("other", null, null, null)))
                    .isInstanceOf(Conflict.class);
            assertThat(fields(catchThrowable(() -> venues.update(owner, main.id(),
                    new UpdateVenueAccount("  ", null, null, null))))).containsExactly("label");
            assertThat(fields(catchThrowable(() -> venues.update(owner, ox.id(),
                    new UpdateVenueAccount(null, null, Environment.PAPER, null))))).containsExactly("environment");
            assertThatThrownBy(() -> venues.update(person(workspace, Role.TRADER), main.id(),
                    new UpdateVenueAccount("x", null, null, null))).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.update(otherOwner, main.id(), new UpdateVenueAccount("x", null, null, null)))
                    .isInstanceOf(NotFound.class);
            assertThat(venues.get(owner, main.id())).isEqualTo(main);
        }
    }

    @Nested
    class ReplaceCredentialsOf {
        @Test
        void newCredentialsAreCheckedSealedAndAudited() {
            VenueAccountView created = createBx("Main");
            String newKey = "NEWKabcdefghijklmnop9876";
            connector.answer = c -> CredentialCheck.valid(Set.of(Permission.READ));

            VenueAccountView replaced = venues.replaceCredentials(owner, created.id(),
                    new ReplaceCredentials(newKey, "another-secret", null, CODE));

            assertThat(replaced.apiKeyHint()).isEqualTo("NEWK\u20269876");
            assertThat(replaced.permissions()).containsExactly(Permission.READ);
            assertThat(connector.checked).last().isEqualTo(VenueCredentials.of(newKey, "another-secret"));
            VenueAccount stored = accounts.find(workspace, created.id()).orElseThrow();
            assertThat(VenueCredentials.decode(vault.sealedAs(stored.credentials()).getKey()).apiKey()).isEqualTo(newKey);
            assertThat(audit.actions(VenueAccountService.CREDENTIALS_REPLACED)).singleElement()
                    .satisfies(e -> assertThat(e.details()).containsEntry("apiKeyHint", "NEWK\u20269876")
                            .containsEntry("permissions", "READ"));
            assertThat(secondFactorsAsked).hasSize(2);
            assertNoSecretIn(replaced, audit.entries);
        }

        @Test
        void aRefusedOrWithdrawingKeyOrAMissingSecondFactorKeepsTheOldCredentials() {
            VenueAccountView created = createBx("Main");
            VenueAccount before = accounts.find(workspace, created.id()).orElseThrow();

            assertThatThrownBy(() -> venues.replaceCredentials(owner, created.id(),
                    new ReplaceCredentials("NEWKEY-1234567890", "x", null, null))).isInstanceOf(Unauthorized.class);
            connector.answer = c -> CredentialCheck.invalid("wrong key");
            assertThat(fields(catchThrowable(() -> venues.replaceCredentials(owner, created.id(),
                    new ReplaceCredentials("NEWKEY-1234567890", "x", null, CODE))))).containsExactly("apiKey");
            connector.answer = c -> CredentialCheck.valid(Set.of(Permission.WITHDRAW, Permission.READ));
            assertThat(fields(catchThrowable(() -> venues.replaceCredentials(owner, created.id(),
                    new ReplaceCredentials("NEWKEY-1234567890", "x", null, CODE))))).containsExactly("apiKey");

            assertThat(accounts.find(workspace, created.id())).contains(before);
            assertThat(audit.actions(VenueAccountService.CREDENTIALS_REPLACED)).isEmpty();
            assertThat(connector.closed).isEqualTo(connector.connected);
        }

        @Test
        void refusesWhatTheVenueCannotTake() {
            VenueAccountView paper = venues.create(owner,
                    new CreateVenueAccount("paper", "p", Environment.PAPER, null, null, null, null, null));
            VenueAccountView ox = venues.create(owner, new CreateVenueAccount("ox", "ox", Environment.LIVE, null, KEY,
                    SECRET, PASSPHRASE, CODE));
            secondFactorsAsked.clear();

            assertThat(fields(catchThrowable(() -> venues.replaceCredentials(owner, paper.id(),
                    new ReplaceCredentials(KEY, SECRET, null, CODE))))).containsExactly("apiKey");
            assertThat(fields(catchThrowable(() -> venues.replaceCredentials(owner, ox.id(),
                    new ReplaceCredentials(KEY, SECRET, null, CODE))))).containsExactly("passphrase");
            assertThat(fields(catchThrowable(() -> venues.replaceCredentials(owner, ox.id(),
                    new ReplaceCredentials(null, null, PASSPHRASE, CODE))))).containsExactly("apiKey", "apiSecret");
            assertThat(secondFactorsAsked).isEmpty();
            assertThatThrownBy(() -> venues.replaceCredentials(person(workspace, Role.VIEWER), ox.id(),
                    new ReplaceCredentials(KEY, SECRET, PASSPHRASE, CODE))).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.replaceCredentials(otherOwner, ox.id(),
                    new ReplaceCredentials(KEY, SECRET, PASSPHRASE, CODE))).isInstanceOf(NotFound.class);
        }
    }

    @Nested
    class Delete {
        @Test
        void deletesAndAudits() {
            VenueAccountView created = createBx("Main");

            venues.delete(owner, created.id());

            assertThat(accounts.rows).isEmpty();
            assertThat(audit.actions(VenueAccountService.DELETED)).singleElement().satisfies(e -> {
                assertThat(e.details()).containsEntry("label", "Main").containsEntry("venue", "bx");
                assertThat(e.actor()).isEqualTo(owner.actor());
            });
            assertThatThrownBy(() -> venues.delete(owner, created.id())).isInstanceOf(NotFound.class);
        }

        @Test
        void anAccountWithTradingHistoryIsKept() {
            VenueAccountView created = createBx("Main");
            accounts.withHistory.add(created.id());

            assertThatThrownBy(() -> venues.delete(owner, created.id())).isInstanceOf(Conflict.class);
            assertThat(accounts.rows).containsKey(created.id());
            assertThat(audit.actions(VenueAccountService.DELETED)).isEmpty();
        }

        @Test
        void onlyAnOwnerDeletesAndOnlyInTheirWorkspace() {
            VenueAccountView created = createBx("Main");

            assertThatThrownBy(() -> venues.delete(person(workspace, Role.TRADER), created.id())).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.delete(apiKey(workspace, Set.of(Scope.READ, Scope.TRADE)), created.id()))
                    .isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.delete(otherOwner, created.id())).isInstanceOf(NotFound.class);
            assertThat(accounts.rows).containsKey(created.id());
        }
    }

    @Nested
    class CredentialUsesOf {
        @Test
        void listsTheAccountsUsesAndChangesNewestFirstAndPagesBack() {
            VenueAccountView main = createBx("Main");
            VenueAccountView other = createBx("Other");
            venues.replaceCredentials(owner, main.id(), new ReplaceCredentials("NEWKabcdefghijklmnop9876", "s", null, CODE));

            List<CredentialUse> all = venues.credentialUses(person(workspace, Role.VIEWER), main.id(), null, 200).uses();

            assertThat(all).extracting(CredentialUse::action).containsExactly(VenueAccountService.CREDENTIALS_REPLACED,
                    "secret.open", VenueAccountService.CREATED, "secret.open");
            assertThat(all).extracting(CredentialUse::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(all.get(1).actor()).isEqualTo("system");
            assertThat(all.get(1).details()).containsEntry("purpose", VenueAccountService.CHECK_PURPOSE);
            assertThat(all.get(0).actor()).isEqualTo(owner.actor());

            List<CredentialUse> first = venues.credentialUses(owner, main.id(), null, 2).uses();
            List<CredentialUse> next = venues.credentialUses(owner, main.id(), first.get(1).at(), 2).uses();
            assertThat(first).containsExactlyElementsOf(all.subList(0, 2));
            assertThat(next).containsExactlyElementsOf(all.subList(2, 4));
            assertThat(venues.credentialUses(owner, other.id(), null, 200).uses()).hasSize(2);
            assertNoSecretIn(all);
        }

        @ParameterizedTest
        @CsvSource({"0", "-1", "201"})
        void theLimitIsOneToTwoHundred(int limit) {
            VenueAccountView main = createBx("Main");

            assertThat(fields(catchThrowable(() -> venues.credentialUses(owner, main.id(), null, limit))))
                    .containsExactly("limit");
        }

        @Test
        void anotherWorkspacesAccountIsNotFound() {
            VenueAccountView theirs = venues.create(otherOwner, bx("Main", Environment.LIVE));

            assertThatThrownBy(() -> venues.credentialUses(owner, theirs.id(), null, 10)).isInstanceOf(NotFound.class);
        }
    }

    @Nested
    class RiskProfileOf {
        static SetRiskProfile profile(Set<String> symbols, String maxOrderValue, String maxDailyLoss, Integer open,
                                      @Nullable Integer version) {
            return new SetRiskProfile(symbols, null, null, maxOrderValue == null ? null : new BigDecimal(maxOrderValue),
                    null, null, null, null, maxDailyLoss == null ? null : new BigDecimal(maxDailyLoss), open, version);
        }

        @Test
        void anAccountStartsOnTheDefaultsAtVersionZero() {
            VenueAccountView account = createBx("Main");

            RiskProfileView view = venues.riskProfile(person(workspace, Role.VIEWER), account.id());

            RiskProfile defaults = RiskProfile.defaults();
            assertThat(view.custom()).isFalse();
            assertThat(view.version()).isZero();
            assertThat(view.updatedAt()).isNull();
            assertThat(view.symbolWhitelist()).isEmpty();
            assertThat(view.maxOrderValue()).isEqualByComparingTo(defaults.maxOrderValue());
            assertThat(view.maxOpenPositions()).isEqualTo(defaults.maxOpenPositions());
        }

        @Test
        void settingItStoresVersionOneWithTheDefaultsForWhatIsLeftOutAndAuditsTheChanges() {
            VenueAccountView account = createBx("Main");
            int auditBefore = audit.entries.size();

            RiskProfileView view = venues.setRiskProfile(owner, account.id(),
                    profile(Set.of(" btc/usdt ", "ETH/USDT"), "250.50", "0.03", 3, null));

            assertThat(view.custom()).isTrue();
            assertThat(view.version()).isEqualTo(1);
            assertThat(view.updatedAt()).isNotNull();
            assertThat(view.symbolWhitelist()).containsExactly("BTC/USDT", "ETH/USDT");
            assertThat(view.maxOrderValue()).isEqualByComparingTo("250.50");
            assertThat(view.maxDailyLoss()).isEqualByComparingTo("0.03");
            assertThat(view.maxOpenPositions()).isEqualTo(3);
            assertThat(view.maxLeverage()).isEqualByComparingTo(RiskProfile.defaults().maxLeverage());
            assertThat(venues.riskProfile(owner, account.id())).isEqualTo(view);
            assertThat(riskProfiles.rows.get(account.id()).limits().maxOrderValue()).isEqualByComparingTo("250.50");
            assertThat(audit.entries).hasSize(auditBefore + 1);
            AuditEntry entry = audit.entries.getLast();
            assertThat(entry.action()).isEqualTo(VenueAccountService.RISK_PROFILE_SET);
            assertThat(entry.details()).containsEntry("version", "1").containsEntry("maxOrderValue", "250.5")
                    .containsEntry("symbolWhitelist", "BTC/USDT,ETH/USDT").containsEntry("maxOpenPositions", "3")
                    .doesNotContainKey("maxLeverage");
        }

        @Test
        void eachChangeIsTheNextVersionAndAnEmptyCommandSetsTheDefaultsAgain() {
            VenueAccountView account = createBx("Main");
            venues.setRiskProfile(owner, account.id(), profile(Set.of("BTC/USDT"), "100", null, null, 0));

            RiskProfileView reset = venues.setRiskProfile(owner, account.id(), profile(null, null, null, null, 1));

            assertThat(reset.version()).isEqualTo(2);
            assertThat(reset.custom()).isTrue();
            assertThat(reset.symbolWhitelist()).isEmpty();
            assertThat(reset.maxOrderValue()).isEqualByComparingTo(RiskProfile.defaults().maxOrderValue());
            assertThat(audit.entries.getLast().details()).containsEntry("version", "2").containsEntry("symbolWhitelist", "");
        }

        @Test
        void settingTheSameLimitsAgainChangesNothing() {
            VenueAccountView account = createBx("Main");
            RiskProfileView first = venues.setRiskProfile(owner, account.id(), profile(Set.of(), "100", null, null, null));
            int audited = audit.entries.size();

            RiskProfileView again = venues.setRiskProfile(owner, account.id(), profile(Set.of(), "100.000", null, null, null));

            assertThat(again).isEqualTo(first);
            assertThat(audit.entries).hasSize(audited);
        }

        @Test
        void aStaleVersionIsAConflictAndNothingChanges() {
            VenueAccountView account = createBx("Main");
            venues.setRiskProfile(owner, account.id(), profile(Set.of(), "100", null, null, null));
            int audited = audit.entries.size();

            assertThatThrownBy(() -> venues.setRiskProfile(owner, account.id(), profile(Set.of(), "50", null, null, 0)))
                    .isInstanceOf(Conflict.class).hasMessageContaining("version 1");

            assertThat(venues.riskProfile(owner, account.id()).maxOrderValue()).isEqualByComparingTo("100");
            assertThat(audit.entries).hasSize(audited);
        }

        @Test
        void everyLimitOutOfRangeIsItsFieldAtOnceAndNothingIsStored() {
            VenueAccountView account = createBx("Main");
            SetRiskProfile wrong = new SetRiskProfile(Set.of("BTCUSDT", "BTC/BTC", "ETH/USDT"), new BigDecimal("5"),
                    new BigDecimal("2"), new BigDecimal("0"), new BigDecimal("-1"), new BigDecimal("1.5"),
                    new BigDecimal("0.5"), new BigDecimal("2"), new BigDecimal("0"), 0, null);

            Throwable error = catchThrowable(() -> venues.setRiskProfile(owner, account.id(), wrong));

            assertThat(fields(error)).containsExactlyInAnyOrder("symbolWhitelist", "symbolWhitelist", "maxOrderValue",
                    "maxPositionValue", "maxPositionShare", "maxLeverage", "maxRiskPerTrade", "maxDailyLoss",
                    "maxOpenPositions", "minOrderSize");
            assertThat(riskProfiles.rows).isEmpty();
            assertThat(venues.riskProfile(owner, account.id()).custom()).isFalse();
        }

        @Test
        void aLimitTheStoreCannotHoldExactlyIsItsField() {
            VenueAccountView account = createBx("Main");
            SetRiskProfile tooFine = new SetRiskProfile(null, new BigDecimal("0.0000000000000000001"), null,
                    new BigDecimal("123456789012345678901"), null, null, new BigDecimal("1.0000000000000000001"), null,
                    null, null, null);

            assertThat(fields(catchThrowable(() -> venues.setRiskProfile(owner, account.id(), tooFine))))
                    .containsExactlyInAnyOrder("minOrderSize", "maxOrderValue", "maxLeverage");
            assertThat(riskProfiles.rows).isEmpty();
            assertThat(venues.setRiskProfile(owner, account.id(), new SetRiskProfile(null, new BigDecimal("0.000000000000000001"),
                    null, new BigDecimal("12345678901234567890.5"), null, null, null, null, null, null, null)).version()).isEqualTo(1);
        }

        @Test
        void tooManySymbolsAreRefused() {
            VenueAccountView account = createBx("Main");
            Set<String> symbols = new java.util.HashSet<>();
            for (int i = 0; i <= AccountRiskProfile.MAX_SYMBOLS; i++) {
                symbols.add("C" + i + "/USDT");
            }

            assertThat(fields(catchThrowable(() -> venues.setRiskProfile(owner, account.id(),
                    profile(symbols, null, null, null, null))))).containsExactly("symbolWhitelist");
            assertThat(riskProfiles.rows).isEmpty();
        }

        @Test
        void onlyAnOwnerChangesItAndAnotherWorkspacesAccountIsNotFound() {
            VenueAccountView account = createBx("Main");

            assertThatThrownBy(() -> venues.setRiskProfile(person(workspace, Role.VIEWER), account.id(),
                    profile(Set.of(), "1", null, null, null))).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> venues.setRiskProfile(otherOwner, account.id(),
                    profile(Set.of(), "1", null, null, null))).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> venues.riskProfile(otherOwner, account.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> venues.riskProfile(owner, new VenueAccountId(new UUID(5, 5))))
                    .isInstanceOf(NotFound.class);
            assertThat(riskProfiles.rows).isEmpty();
        }
    }
}
