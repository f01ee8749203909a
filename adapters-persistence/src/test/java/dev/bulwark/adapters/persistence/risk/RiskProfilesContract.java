package dev.bulwark.adapters.persistence.risk;

import static dev.bulwark.adapters.persistence.jooq.Tables.ACCOUNT_RISK_PROFILES;
import static dev.bulwark.adapters.persistence.venues.VenueAccountFixtures.storedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.venues.JooqVenueAccounts;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

abstract class RiskProfilesContract extends StoreContract {
    JooqRiskProfiles profiles;
    WorkspaceId workspace;

    @BeforeEach
    void setUp() {
        profiles = new JooqRiskProfiles(database.db());
        workspace = newWorkspace();
    }

    /**
     * Limits where every amount differs from every other (a column read into the wrong field shows), with a share of
     * two hundredths and an amount using all 18 decimals the column keeps, symbols given unsorted and in lower case.
     */
    static RiskProfile limits() {
        return new RiskProfile(Set.of("sol/usdt", "BTC/USDT", "ETH/BTC"), new BigDecimal("0.001"),
                new BigDecimal("12345.678901234567890123"), new BigDecimal("250000.50"), new BigDecimal("999999.99"),
                new BigDecimal("0.35"), new BigDecimal("3.5"), new BigDecimal("0.02"), new BigDecimal("0.075"), 7);
    }

    /** Other limits than {@link #limits()} in every field. */
    static RiskProfile otherLimits() {
        return new RiskProfile(Set.of("ADA/USDT"), new BigDecimal("0.5"), new BigDecimal("40"), new BigDecimal("1000"),
                new BigDecimal("5000"), new BigDecimal("0.1"), new BigDecimal("10"), new BigDecimal("0.01"),
                new BigDecimal("0.05"), 3);
    }

    AccountRiskProfile profile(VenueAccount account, RiskProfile limits, int version) {
        return new AccountRiskProfile(account.id(), account.workspace(), limits, version, T0.plusSeconds(version));
    }

    private int rowsOf(VenueAccountId account) {
        return database.dsl().fetchCount(ACCOUNT_RISK_PROFILES, ACCOUNT_RISK_PROFILES.ACCOUNT_ID.eq(account.value()));
    }

    @Test
    void anAccountWithoutAProfileHasNone() {
        VenueAccount account = storedAccount(database, workspace);
        assertThat(profiles.find(workspace, account.id())).isEmpty();
        assertThat(profiles.findAll(workspace, List.of(account.id()))).isEmpty();
    }

    @Test
    void aSavedProfileReadsBackEqualInEveryField() {
        VenueAccount account = storedAccount(database, workspace);
        AccountRiskProfile saved = profile(account, limits(), 1);

        profiles.save(saved);

        AccountRiskProfile read = profiles.find(workspace, account.id()).orElseThrow();
        assertThat(read).isEqualTo(saved);
        assertThat(read.account()).isEqualTo(account.id());
        assertThat(read.workspace()).isEqualTo(workspace);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(1));
        RiskProfile limits = read.limits();
        assertThat(limits.symbolWhitelist()).containsExactly("BTC/USDT", "ETH/BTC", "SOL/USDT");
        // compared as text too: the scale the column adds is gone, and all 18 decimals are kept
        assertThat(limits.minOrderSize().toPlainString()).isEqualTo("0.001");
        assertThat(limits.maxOrderSize().toPlainString()).isEqualTo("12345.678901234567890123");
        assertThat(limits.maxOrderValue().toPlainString()).isEqualTo("250000.5");
        assertThat(limits.maxPositionValue().toPlainString()).isEqualTo("999999.99");
        assertThat(limits.maxPositionShare().toPlainString()).isEqualTo("0.35");
        assertThat(limits.maxLeverage().toPlainString()).isEqualTo("3.5");
        assertThat(limits.maxRiskPerTrade().toPlainString()).isEqualTo("0.02");
        assertThat(limits.maxDailyLoss().toPlainString()).isEqualTo("0.075");
        assertThat(limits.maxOpenPositions()).isEqualTo(7);
        // the stored form the migration describes: the sorted symbols joined by ','
        assertThat(database.dsl().select(ACCOUNT_RISK_PROFILES.SYMBOL_WHITELIST).from(ACCOUNT_RISK_PROFILES)
                .where(ACCOUNT_RISK_PROFILES.ACCOUNT_ID.eq(account.id().value())).fetchOne().value1())
                .isEqualTo("BTC/USDT,ETH/BTC,SOL/USDT");
    }

    @Test
    void anEmptyWhitelistReadsBackEmpty() {
        VenueAccount account = storedAccount(database, workspace);
        AccountRiskProfile saved = profile(account, RiskProfile.defaults(), 1);

        profiles.save(saved);

        AccountRiskProfile read = profiles.find(workspace, account.id()).orElseThrow();
        assertThat(read.limits().symbolWhitelist()).isEmpty();
        assertThat(read).isEqualTo(saved);
    }

    @Test
    void theLargestWhitelistFits() {
        VenueAccount account = storedAccount(database, workspace);
        Set<String> symbols = new HashSet<>();
        for (int i = 0; i < AccountRiskProfile.MAX_SYMBOLS; i++) {
            // 20 characters each side of the slash, the longest asset codes
            symbols.add("B%019d/Q%019d".formatted(i, i));
        }
        RiskProfile d = RiskProfile.defaults();
        RiskProfile wide = new RiskProfile(symbols, d.minOrderSize(), d.maxOrderSize(), d.maxOrderValue(),
                d.maxPositionValue(), d.maxPositionShare(), d.maxLeverage(), d.maxRiskPerTrade(), d.maxDailyLoss(),
                d.maxOpenPositions());
        AccountRiskProfile saved = profile(account, wide, 1);

        profiles.save(saved);

        assertThat(profiles.find(workspace, account.id())).contains(saved);
        assertThat(profiles.find(workspace, account.id()).orElseThrow().limits().symbolWhitelist())
                .hasSize(AccountRiskProfile.MAX_SYMBOLS);
    }

    @Test
    void findAllReadsTheWorkspacesProfilesAmongTheAccountsAndLeavesOutTheRest() {
        VenueAccount first = storedAccount(database, workspace);
        VenueAccount second = storedAccount(database, workspace);
        VenueAccount withoutProfile = storedAccount(database, workspace);
        VenueAccount elsewhere = storedAccount(database, newWorkspace());
        AccountRiskProfile firstProfile = profile(first, limits(), 1);
        AccountRiskProfile secondProfile = profile(second, otherLimits(), 1);
        profiles.save(firstProfile);
        profiles.save(secondProfile);
        profiles.save(profile(elsewhere, limits(), 1));

        assertThat(profiles.findAll(workspace, List.of(first.id(), second.id(), first.id(), withoutProfile.id(),
                elsewhere.id(), new VenueAccountId(UUID.randomUUID()))))
                .containsExactlyInAnyOrder(firstProfile, secondProfile);
        assertThat(profiles.findAll(workspace, List.of(elsewhere.id()))).isEmpty();
        assertThat(profiles.findAll(workspace, List.of())).isEmpty();
    }

    @Test
    void theNextVersionReplacesTheStoredOne() {
        VenueAccount account = storedAccount(database, workspace);
        profiles.save(profile(account, limits(), 1));
        AccountRiskProfile second = profile(account, otherLimits(), 2);

        profiles.save(second);

        assertThat(profiles.find(workspace, account.id())).contains(second);
        AccountRiskProfile third = profile(account, RiskProfile.defaults(), 3);
        profiles.save(third);
        assertThat(profiles.find(workspace, account.id())).contains(third);
        assertThat(rowsOf(account.id())).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        VenueAccount account = storedAccount(database, workspace);
        profiles.save(profile(account, limits(), 1));
        AccountRiskProfile second = profile(account, otherLimits(), 2);
        profiles.save(second);

        // another editor who also read version 1
        assertThatThrownBy(() -> profiles.save(profile(account, RiskProfile.defaults(), 2)))
                .isInstanceOf(Conflict.class).hasMessageContaining("version 2");
        // one that skips a version
        assertThatThrownBy(() -> profiles.save(profile(account, RiskProfile.defaults(), 4)))
                .isInstanceOf(Conflict.class);

        assertThat(profiles.find(workspace, account.id())).contains(second);
    }

    @Test
    void versionOneWhereAProfileIsStoredIsAConflictAndChangesNothing() {
        VenueAccount account = storedAccount(database, workspace);
        AccountRiskProfile first = profile(account, limits(), 1);
        profiles.save(first);

        assertThatThrownBy(() -> profiles.save(profile(account, otherLimits(), 1))).isInstanceOf(Conflict.class);

        assertThat(profiles.find(workspace, account.id())).contains(first);
        // also once the stored one has moved on
        AccountRiskProfile second = profile(account, otherLimits(), 2);
        profiles.save(second);
        assertThatThrownBy(() -> profiles.save(profile(account, limits(), 1))).isInstanceOf(Conflict.class);
        assertThat(profiles.find(workspace, account.id())).contains(second);
    }

    @Test
    void aLaterVersionWhereNoneIsStoredIsAConflictAndWritesNothing() {
        VenueAccount account = storedAccount(database, workspace);

        assertThatThrownBy(() -> profiles.save(profile(account, limits(), 2))).isInstanceOf(Conflict.class);

        assertThat(profiles.find(workspace, account.id())).isEmpty();
        assertThat(rowsOf(account.id())).isZero();
    }

    @Test
    void anotherWorkspacesAccountIsNotFoundAndNothingIsWritten() {
        WorkspaceId other = newWorkspace();
        VenueAccount theirs = storedAccount(database, other);

        AccountRiskProfile hijack = new AccountRiskProfile(theirs.id(), workspace, limits(), 1, T0);
        assertThatThrownBy(() -> profiles.save(hijack)).isInstanceOf(NotFound.class);
        assertThat(rowsOf(theirs.id())).isZero();

        // nor is their stored profile seen or replaced
        AccountRiskProfile theirProfile = profile(theirs, otherLimits(), 1);
        profiles.save(theirProfile);
        assertThat(profiles.find(workspace, theirs.id())).isEmpty();
        assertThatThrownBy(() -> profiles.save(new AccountRiskProfile(theirs.id(), workspace, limits(), 2, T0)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> profiles.save(new AccountRiskProfile(theirs.id(), workspace, limits(), 1, T0)))
                .isInstanceOf(NotFound.class);
        assertThat(profiles.find(other, theirs.id())).contains(theirProfile);
    }

    @Test
    void anUnknownAccountIsNotFound() {
        VenueAccountId unknown = new VenueAccountId(UUID.randomUUID());

        assertThatThrownBy(() -> profiles.save(new AccountRiskProfile(unknown, workspace, limits(), 1, T0)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> profiles.save(new AccountRiskProfile(unknown, workspace, limits(), 2, T0)))
                .isInstanceOf(NotFound.class);
        assertThat(rowsOf(unknown)).isZero();
        assertThat(profiles.find(workspace, unknown)).isEmpty();
    }

    @Test
    void deletingTheAccountDeletesItsProfile() {
        JooqVenueAccounts accounts = new JooqVenueAccounts(database.db());
        VenueAccount account = storedAccount(database, workspace);
        VenueAccount kept = storedAccount(database, workspace);
        profiles.save(profile(account, limits(), 1));
        AccountRiskProfile keptProfile = profile(kept, limits(), 1);
        profiles.save(keptProfile);

        assertThat(accounts.delete(workspace, account.id())).isTrue();

        assertThat(profiles.find(workspace, account.id())).isEmpty();
        assertThat(rowsOf(account.id())).isZero();
        assertThat(profiles.find(workspace, kept.id())).contains(keptProfile);
        // the account is gone, so its profile cannot come back
        assertThatThrownBy(() -> profiles.save(profile(account, limits(), 1))).isInstanceOf(NotFound.class);
        // a new account starts again at version 1
        VenueAccount next = storedAccount(database, workspace);
        AccountRiskProfile nextProfile = profile(next, limits(), 1);
        profiles.save(nextProfile);
        assertThat(profiles.find(workspace, next.id())).contains(nextProfile);
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        VenueAccount account = storedAccount(database, workspace);
        profiles.save(new AccountRiskProfile(account.id(), workspace, limits(), 1, T0.plusNanos(999)));
        assertThat(profiles.find(workspace, account.id()).orElseThrow().updatedAt()).isEqualTo(T0);
    }

    @Test
    void anAmountTheColumnCannotHoldExactlyIsRefusedAndNothingIsWritten() {
        VenueAccount account = storedAccount(database, workspace);
        RiskProfile d = RiskProfile.defaults();
        // a 19th decimal PostgreSQL would round away
        RiskProfile tooFine = new RiskProfile(Set.of(), new BigDecimal("0.0000000000000000001"), d.maxOrderSize(),
                d.maxOrderValue(), d.maxPositionValue(), d.maxPositionShare(), d.maxLeverage(), d.maxRiskPerTrade(),
                d.maxDailyLoss(), d.maxOpenPositions());

        assertThatThrownBy(() -> profiles.save(profile(account, tooFine, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minOrderSize");

        assertThat(rowsOf(account.id())).isZero();
    }

    @Test
    void aSaveJoinsTheCallersTransaction() {
        VenueAccount account = storedAccount(database, workspace);
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            profiles.save(profile(account, limits(), 1));
            assertThat(profiles.find(workspace, account.id())).isPresent();
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(profiles.find(workspace, account.id())).isEmpty();
    }
}
