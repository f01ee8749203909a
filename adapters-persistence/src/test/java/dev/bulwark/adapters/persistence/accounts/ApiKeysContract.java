package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.ApiKey;
import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

abstract class ApiKeysContract extends StoreContract {

    private JooqApiKeys keys() {
        return new JooqApiKeys(database.db());
    }

    private User newUser() {
        return AccountFixtures.newUser(database, newWorkspace(), T0);
    }

    private static ApiKey key(User user, Set<Scope> scopes, Instant createdAt, @Nullable Instant expiresAt) {
        return new ApiKey(new ApiKeyId(UUID.randomUUID()), user.personalWorkspace(), user.id(), "ci bot", scopes,
                sha256(UUID.randomUUID().toString()), "bwk_Ab3…9xQ", createdAt, expiresAt, null, null);
    }

    private ApiKey create(User user, Instant createdAt) {
        ApiKey key = key(user, Set.of(Scope.READ), createdAt, null);
        keys().create(key);
        return key;
    }

    @Test
    void aCreatedKeyReadsBackEqualByItsHashAndInTheList() {
        User user = newUser();
        ApiKey key = new ApiKey(new ApiKeyId(UUID.randomUUID()), user.personalWorkspace(), user.id(), "Zürich → 東京 desk",
                Set.of(Scope.TRADE, Scope.READ), sha256("bwk_secret"), "bwk_Ab3…9xQ", T0, T0.plus(Duration.ofDays(90)), null, null);

        keys().create(key);

        assertThat(keys().findByKeyHash(key.keyHash())).contains(key);
        assertThat(keys().list(user.personalWorkspace())).containsExactly(key);
    }

    @Test
    void everySetOfScopesReadsBackTheSame() {
        User user = newUser();
        for (Set<Scope> scopes : List.of(Set.of(Scope.READ), Set.of(Scope.TRADE), Set.of(Scope.READ, Scope.TRADE))) {
            ApiKey key = key(user, scopes, T0, null);
            keys().create(key);
            assertThat(keys().findByKeyHash(key.keyHash()).orElseThrow().scopes()).as("%s", scopes).isEqualTo(scopes);
        }
    }

    @Test
    void aKeyThatWasUsedBeforeKeepsItsLastUse() {
        User user = newUser();
        ApiKey key = new ApiKey(new ApiKeyId(UUID.randomUUID()), user.personalWorkspace(), user.id(), "imported", Set.of(Scope.READ),
                sha256("imported"), "bwk_imp…ted", T0, null, T0.plusSeconds(5), null);

        keys().create(key);

        assertThat(keys().findByKeyHash(key.keyHash())).contains(key);
    }

    @Test
    void aTakenIdOrHashIsAConflictAndStoresNothing() {
        User user = newUser();
        ApiKey first = create(user, T0);
        ApiKey sameHash = new ApiKey(new ApiKeyId(UUID.randomUUID()), first.workspace(), first.user(), "other", first.scopes(),
                first.keyHash(), first.hint(), T0, null, null, null);
        ApiKey sameId = new ApiKey(first.id(), first.workspace(), first.user(), "other", first.scopes(), sha256("other"), first.hint(),
                T0, null, null, null);

        assertThatThrownBy(() -> keys().create(sameHash)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> keys().create(sameId)).isInstanceOf(Conflict.class);
        assertThat(keys().list(user.personalWorkspace())).containsExactly(first);
        assertThat(keys().findByKeyHash(sameId.keyHash())).isEmpty();
    }

    @Test
    void aKeyOfAnUnknownUserOrInAnUnknownWorkspaceIsNotFound() {
        User user = newUser();
        ApiKey unknownUser = new ApiKey(new ApiKeyId(UUID.randomUUID()), user.personalWorkspace(), new UserId(UUID.randomUUID()), "k",
                Set.of(Scope.READ), sha256("u"), "h", T0, null, null, null);
        ApiKey unknownWorkspace = new ApiKey(new ApiKeyId(UUID.randomUUID()), new WorkspaceId(UUID.randomUUID()), user.id(), "k",
                Set.of(Scope.READ), sha256("w"), "h", T0, null, null, null);

        assertThatThrownBy(() -> keys().create(unknownUser)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> keys().create(unknownWorkspace)).isInstanceOf(NotFound.class);
        assertThat(keys().findByKeyHash(unknownUser.keyHash())).isEmpty();
        assertThat(keys().findByKeyHash(unknownWorkspace.keyHash())).isEmpty();
        assertThat(keys().list(user.personalWorkspace())).isEmpty();
    }

    @Test
    void aNewKeyThatIsRevokedAlreadyIsRefused() {
        User user = newUser();
        ApiKey revoked = new ApiKey(new ApiKeyId(UUID.randomUUID()), user.personalWorkspace(), user.id(), "k", Set.of(Scope.READ),
                sha256("revoked"), "h", T0, null, null, T0);

        assertThatThrownBy(() -> keys().create(revoked)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys().list(user.personalWorkspace())).isEmpty();
    }

    @Test
    void aRevokedKeyIsNotFoundByItsHashButStaysInTheList() {
        User user = newUser();
        ApiKey key = create(user, T0);

        assertThat(keys().revoke(user.personalWorkspace(), key.id(), T0.plusSeconds(7))).isTrue();

        assertThat(keys().findByKeyHash(key.keyHash())).isEmpty();
        assertThat(keys().list(user.personalWorkspace())).singleElement()
                .satisfies(listed -> assertThat(listed.revokedAt()).isEqualTo(T0.plusSeconds(7)));
    }

    @Test
    void anExpiredKeyIsStillFoundByItsHashForTheCallerToJudge() {
        User user = newUser();
        ApiKey key = key(user, Set.of(Scope.READ), T0, T0.plusSeconds(60));
        keys().create(key);

        ApiKey found = keys().findByKeyHash(key.keyHash()).orElseThrow();

        assertThat(found).isEqualTo(key);
        assertThat(found.isActiveAt(T0.plusSeconds(60))).isFalse();
    }

    @Test
    void anUnknownHashIsEmpty() {
        assertThat(keys().findByKeyHash(sha256("nobody's key"))).isEmpty();
        assertThat(keys().findByKeyHash("not even a hash")).isEmpty();
    }

    @Test
    void aKeyIsRevokedOnceOnly() {
        User user = newUser();
        ApiKey key = create(user, T0);

        assertThat(keys().revoke(user.personalWorkspace(), key.id(), T0.plusSeconds(1))).isTrue();
        assertThat(keys().revoke(user.personalWorkspace(), key.id(), T0.plusSeconds(2))).isFalse();

        assertThat(keys().list(user.personalWorkspace()).getFirst().revokedAt()).as("the first revocation stands")
                .isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void revokingAnUnknownKeyIsFalse() {
        User user = newUser();
        assertThat(keys().revoke(user.personalWorkspace(), new ApiKeyId(UUID.randomUUID()), T0)).isFalse();
    }

    @Test
    void anotherWorkspacesKeyIsNeitherListedNorRevoked() {
        User a = newUser();
        User b = newUser();
        ApiKey ofA = create(a, T0);
        ApiKey ofB = create(b, T0);

        assertThat(keys().revoke(b.personalWorkspace(), ofA.id(), T0.plusSeconds(1))).isFalse();

        assertThat(keys().list(b.personalWorkspace())).containsExactly(ofB);
        assertThat(keys().list(a.personalWorkspace())).containsExactly(ofA);
        assertThat(keys().findByKeyHash(ofA.keyHash())).as("still live").contains(ofA);
    }

    @Test
    void theListIsNewestFirstWithRevokedKeysIncluded() {
        User user = newUser();
        ApiKey oldest = create(user, T0);
        ApiKey middle = create(user, T0.plusSeconds(1));
        ApiKey newest = create(user, T0.plusSeconds(2));
        keys().revoke(user.personalWorkspace(), middle.id(), T0.plusSeconds(3));

        assertThat(keys().list(user.personalWorkspace())).extracting(ApiKey::id).containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(keys().list(newWorkspace())).isEmpty();
    }

    @Test
    void keysCreatedAtOneInstantListInAStableOrder() {
        User user = newUser();
        for (int i = 0; i < 5; i++) {
            create(user, T0);
        }

        assertThat(keys().list(user.personalWorkspace())).hasSize(5).isEqualTo(keys().list(user.personalWorkspace()));
    }

    @Test
    void touchingMovesLastUsedForwardNeverBack() {
        User user = newUser();
        ApiKey key = create(user, T0);

        keys().touch(key.id(), T0.plusSeconds(30));
        assertThat(lastUsed(key)).isEqualTo(T0.plusSeconds(30));

        keys().touch(key.id(), T0.plusSeconds(10));
        assertThat(lastUsed(key)).as("a late request does not move it back").isEqualTo(T0.plusSeconds(30));

        keys().touch(key.id(), T0.plusSeconds(31));
        assertThat(lastUsed(key)).isEqualTo(T0.plusSeconds(31));
    }

    @Test
    void touchingAnUnknownKeyChangesNothing() {
        User user = newUser();
        ApiKey key = create(user, T0);

        keys().touch(new ApiKeyId(UUID.randomUUID()), T0.plusSeconds(1));

        assertThat(keys().list(user.personalWorkspace())).containsExactly(key);
    }

    @Test
    void concurrentTouchesLeaveTheLatestUse() throws InterruptedException {
        User user = newUser();
        ApiKey key = create(user, T0);
        List<Instant> uses = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            uses.add(T0.plusSeconds(i));
        }
        Collections.shuffle(uses, new java.util.Random(42));
        AtomicInteger next = new AtomicInteger();

        List<Object> results = AccountFixtures.race(8, () -> {
            keys().touch(key.id(), uses.get(next.getAndIncrement()));
            return "touched";
        });

        assertThat(results).containsOnly("touched");
        assertThat(lastUsed(key)).isEqualTo(T0.plusSeconds(8));
    }

    @Test
    void creatingAndRevokingJoinTheCallersTransaction() {
        User user = newUser();
        ApiKey live = create(user, T0);
        ApiKey notCreated = key(user, Set.of(Scope.TRADE), T0.plusSeconds(1), null);

        assertThatThrownBy(() -> database.transactions().inTransaction((Runnable) () -> {
            keys().create(notCreated);
            assertThat(keys().revoke(user.personalWorkspace(), live.id(), T0.plusSeconds(2))).isTrue();
            throw new IllegalStateException("the audit entry could not be written");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(keys().list(user.personalWorkspace())).containsExactly(live);
        assertThat(keys().findByKeyHash(live.keyHash())).as("the revocation rolled back").contains(live);
    }

    private @Nullable Instant lastUsed(ApiKey key) {
        return keys().findByKeyHash(key.keyHash()).orElseThrow().lastUsedAt();
    }
}
