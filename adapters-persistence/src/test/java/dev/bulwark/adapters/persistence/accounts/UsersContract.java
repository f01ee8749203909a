package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.HASH;
import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.OTHER_HASH;
import static dev.bulwark.adapters.persistence.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.adapters.persistence.storage.JooqWorkspaces;
import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.adapters.persistence.testing.TestDatabases;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

abstract class UsersContract extends StoreContract {

    private JooqUsers users() {
        return new JooqUsers(database.db());
    }

    private User user(String email) {
        return new User(new UserId(UUID.randomUUID()), email, HASH, newWorkspace(), T0, T0);
    }

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID() + "@Example.com";
    }

    @Test
    void aCreatedUserReadsBackEqualByIdAndByEmail() {
        User user = user(unique("ann"));
        users().create(user);

        assertThat(users().find(user.id())).contains(user);
        assertThat(users().findByEmail(user.email())).contains(user);
        assertThat(user.passwordHash()).isEqualTo(HASH);
    }

    @Test
    void anEmailIsFoundWhateverItsCaseAndSurroundingSpace() {
        String email = unique("Bob");
        User user = user(email);
        users().create(user);

        assertThat(users().findByEmail(email.toUpperCase(Locale.ROOT))).contains(user);
        assertThat(users().findByEmail("  " + email + " ")).contains(user);
    }

    @Test
    void theSameEmailInAnotherCaseIsAConflictAndChangesNothing() {
        String email = unique("carol");
        User first = user(email);
        users().create(first);
        User second = user(email.toUpperCase(Locale.ROOT));

        assertThatThrownBy(() -> users().create(second)).isInstanceOf(Conflict.class);
        assertThat(users().findByEmail(email)).contains(first);
        assertThat(users().find(second.id())).isEmpty();
    }

    @Test
    void theDatabaseItselfRefusesAnEmailThatIsNotLowerCase() {
        // the unique constraint is case-insensitive only because every stored email is lower case: keep it so
        WorkspaceId ws = newWorkspace();
        assertThatThrownBy(() -> database.dsl().insertInto(USERS)
                .set(USERS.ID, UUID.randomUUID())
                .set(USERS.EMAIL, unique("Dan"))
                .set(USERS.PASSWORD_HASH, HASH.encoded())
                .set(USERS.PERSONAL_WORKSPACE_ID, ws.value())
                .set(USERS.CREATED_AT, T0.atOffset(ZoneOffset.UTC))
                .set(USERS.UPDATED_AT, T0.atOffset(ZoneOffset.UTC))
                .execute()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void ofEightConcurrentRegistrationsOfOneEmailInDifferentCasesExactlyOneWins() throws InterruptedException {
        String email = unique("race");
        List<User> candidates = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String spelled = i % 2 == 0 ? email.toUpperCase(Locale.ROOT) : email;
            candidates.add(user(spelled));
        }
        AtomicInteger next = new AtomicInteger();

        List<Object> results = AccountFixtures.race(8, () -> {
            users().create(candidates.get(next.getAndIncrement()));
            return "created";
        });

        assertThat(results).filteredOn("created"::equals).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof Conflict).hasSize(7);
        assertThat(users().findByEmail(email)).isPresent();
    }

    @Test
    void theSameIdTwiceIsAConflict() {
        User user = user(unique("eve"));
        users().create(user);

        assertThatThrownBy(() -> users().create(new User(user.id(), unique("eve2"), HASH, newWorkspace(), T0, T0)))
                .isInstanceOf(Conflict.class);
        assertThat(users().find(user.id())).contains(user);
    }

    @Test
    void aUserWhosePersonalWorkspaceDoesNotExistIsNotFound() {
        User user = new User(new UserId(UUID.randomUUID()), unique("fay"), HASH, new WorkspaceId(UUID.randomUUID()), T0, T0);

        assertThatThrownBy(() -> users().create(user)).isInstanceOf(NotFound.class);
        assertThat(users().find(user.id())).isEmpty();
    }

    @Test
    void updatingThePasswordHashChangesItAndUpdatedAtOnly() {
        User user = user(unique("gus"));
        users().create(user);

        users().updatePasswordHash(user.id(), OTHER_HASH, T0.plusSeconds(60));

        assertThat(users().find(user.id())).contains(user.withPasswordHash(OTHER_HASH, T0.plusSeconds(60)));
    }

    @Test
    void anUpdateStampedBeforeTheUsersCreationIsKeptAtItsCreation() {
        User user = user(unique("hal"));
        users().create(user);

        users().updatePasswordHash(user.id(), OTHER_HASH, T0.minusSeconds(3));

        assertThat(users().find(user.id()).orElseThrow().updatedAt()).isEqualTo(T0);
    }

    @Test
    void updatingAnUnknownUserIsNotFound() {
        assertThatThrownBy(() -> users().updatePasswordHash(new UserId(UUID.randomUUID()), OTHER_HASH, T0))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void unknownIdsAndEmailsAreEmptyAndAMalformedEmailMatchesNothing() {
        assertThat(users().find(new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(users().findByEmail(unique("nobody"))).isEmpty();
        assertThat(users().findByEmail("not an email")).isEmpty();
        assertThat(users().findByEmail("")).isEmpty();
    }

    @Test
    void anyIsFalseUntilTheFirstUserIsRegistered() {
        // a database of its own: this class's other tests register users
        try (Database fresh = TestDatabases.open(engine())) {
            JooqUsers users = new JooqUsers(fresh.db());
            assertThat(users.any()).isFalse();

            WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
            new JooqWorkspaces(fresh.db()).create(new Workspace(ws, "first", Workspace.Kind.PERSONAL, T0));
            assertThat(users.any()).as("a workspace is not a user").isFalse();
            users.create(new User(new UserId(UUID.randomUUID()), unique("first"), HASH, ws, T0, T0));

            assertThat(users.any()).isTrue();
        }
    }

    @Test
    void eachUserReadsAndChangesOnlyItself() {
        User a = user(unique("alice"));
        User b = user(unique("bruno"));
        users().create(a);
        users().create(b);

        assertThat(users().find(a.id())).contains(a);
        assertThat(users().find(b.id())).contains(b);
        assertThat(users().findByEmail(a.email())).contains(a);
        assertThat(users().findByEmail(b.email())).contains(b);

        users().updatePasswordHash(a.id(), OTHER_HASH, T0.plusSeconds(1));

        assertThat(users().find(b.id())).contains(b);
        assertThat(users().find(a.id()).orElseThrow().passwordHash()).isEqualTo(OTHER_HASH);
    }
}
