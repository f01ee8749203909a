package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Session;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

abstract class SessionsContract extends StoreContract {
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(24);
    static final int MAX = 3;

    private JooqSessions sessions() {
        return new JooqSessions(database.db());
    }

    private User newUser() {
        return AccountFixtures.newUser(database, newWorkspace(), T0);
    }

    private static Session session(User user, Instant at) {
        return session(user.id(), user.personalWorkspace(), at, null);
    }

    private static Session session(UserId user, WorkspaceId ws, Instant at, @Nullable String ip) {
        return new Session(new SessionId(UUID.randomUUID()), user, ws, sha256(UUID.randomUUID().toString()), at, at,
                at.plus(ABSOLUTE), null, ip, ip == null ? null : "Mozilla/5.0 (X11; Linux x86_64)");
    }

    private Session create(Session session) {
        assertThat(sessions().create(session, MAX, IDLE)).isEmpty();
        return session;
    }

    @Test
    void aCreatedSessionReadsBackEqualByTokenHashAndById() {
        User user = newUser();
        Session session = create(session(user.id(), user.personalWorkspace(), T0, "2001:db8::1"));

        assertThat(sessions().findByTokenHash(session.tokenHash())).contains(session);
        assertThat(sessions().find(user.id(), session.id())).contains(session);
        assertThat(sessions().findByTokenHash(sha256("unknown"))).isEmpty();
    }

    @Test
    void aRevokedSessionIsNotFoundByItsTokenButStillByItsId() {
        User user = newUser();
        Session session = create(session(user, T0));

        assertThat(sessions().revoke(user.id(), session.id(), T0.plusSeconds(5))).isTrue();

        assertThat(sessions().findByTokenHash(session.tokenHash())).isEmpty();
        assertThat(sessions().find(user.id(), session.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(sessions().revoke(user.id(), session.id(), T0.plusSeconds(6))).as("revoked once only").isFalse();
    }

    @Test
    void anExpiredSessionIsStillFoundByItsTokenForTheCallerToJudge() {
        User user = newUser();
        Session session = create(session(user, T0));

        Session found = sessions().findByTokenHash(session.tokenHash()).orElseThrow();
        assertThat(found.isActiveAt(T0.plus(ABSOLUTE), IDLE)).isFalse();
    }

    @Test
    void aTakenTokenHashOrIdIsAConflictAndStoresNothing() {
        User user = newUser();
        Session first = create(session(user, T0));
        Session sameToken = new Session(new SessionId(UUID.randomUUID()), user.id(), user.personalWorkspace(), first.tokenHash(),
                T0, T0, T0.plus(ABSOLUTE), null, null, null);
        Session sameId = new Session(first.id(), user.id(), user.personalWorkspace(), sha256("other"), T0, T0, T0.plus(ABSOLUTE),
                null, null, null);

        assertThatThrownBy(() -> sessions().create(sameToken, MAX, IDLE)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> sessions().create(sameId, MAX, IDLE)).isInstanceOf(Conflict.class);
        assertThat(sessions().find(user.id(), sameToken.id())).isEmpty();
        assertThat(sessions().listActive(user.id(), T0, IDLE)).containsExactly(first);
    }

    @Test
    void aSessionOfAnUnknownUserOrInAnUnknownWorkspaceIsNotFound() {
        User user = newUser();
        assertThatThrownBy(() -> sessions().create(session(new UserId(UUID.randomUUID()), user.personalWorkspace(), T0, null), MAX, IDLE))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> sessions().create(session(user.id(), new WorkspaceId(UUID.randomUUID()), T0, null), MAX, IDLE))
                .isInstanceOf(NotFound.class);
        assertThat(sessions().countActive(user.id(), T0, IDLE)).isZero();
    }

    @Test
    void creatingRefusesANonPositiveLimitAndARevokedSession() {
        User user = newUser();
        assertThatThrownBy(() -> sessions().create(session(user, T0), 0, IDLE)).isInstanceOf(IllegalArgumentException.class);
        Session revoked = new Session(new SessionId(UUID.randomUUID()), user.id(), user.personalWorkspace(), sha256("r"), T0, T0,
                T0.plus(ABSOLUTE), T0, null, null);
        assertThatThrownBy(() -> sessions().create(revoked, MAX, IDLE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFourthSignInRevokesTheOldestActiveSession() {
        User user = newUser();
        Session first = create(session(user, T0));
        Session second = create(session(user, T0.plusSeconds(1)));
        Session third = create(session(user, T0.plusSeconds(2)));
        Session fourth = session(user, T0.plusSeconds(3));

        assertThat(sessions().create(fourth, MAX, IDLE)).containsExactly(first.id());

        assertThat(sessions().listActive(user.id(), T0.plusSeconds(3), IDLE)).containsExactly(second, third, fourth);
        assertThat(sessions().find(user.id(), first.id()).orElseThrow().revokedAt()).isEqualTo(fourth.createdAt());
    }

    @Test
    void sessionsThatEndedDoNotCountAgainstTheLimit() {
        User user = newUser();
        Session idle = create(session(user, T0));
        Session revoked = create(session(user, T0.plusSeconds(1)));
        sessions().revoke(user.id(), revoked.id(), T0.plusSeconds(2));
        Instant later = T0.plus(IDLE).plusSeconds(5); // the first is idle by then
        Session a = create(session(user, later));
        Session b = create(session(user, later.plusSeconds(1)));
        Session c = create(session(user, later.plusSeconds(2)));

        assertThat(sessions().listActive(user.id(), later.plusSeconds(2), IDLE)).containsExactly(a, b, c);
        assertThat(sessions().find(user.id(), idle.id()).orElseThrow().revokedAt()).isNull();
    }

    @Test
    void eightConcurrentSignInsLeaveAtMostTheLimitActive() throws InterruptedException {
        User user = newUser();
        List<Session> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(session(user, T0.plusMillis(i)));
        }
        AtomicInteger next = new AtomicInteger();

        List<Object> results = AccountFixtures.race(8, () -> sessions().create(attempts.get(next.getAndIncrement()), MAX, IDLE));

        assertThat(results).allMatch(r -> r instanceof List<?>);
        Instant after = T0.plusSeconds(1);
        assertThat(sessions().countActive(user.id(), after, IDLE)).isEqualTo(MAX);
        assertThat(results).flatMap(r -> (List<?>) r).hasSize(8 - MAX).doesNotHaveDuplicates();
        // an earlier-stamped sign-in may evict a later-stamped session: it still reads back, revoked at its creation
        for (Session attempt : attempts) {
            Session stored = sessions().find(user.id(), attempt.id()).orElseThrow();
            assertThat(stored.revokedAt() == null || !stored.revokedAt().isBefore(stored.createdAt())).isTrue();
        }
    }

    @Test
    void aRevocationStampedBeforeTheSessionBeganIsKeptAtItsCreation() {
        User user = newUser();
        Session session = create(session(user, T0));

        assertThat(sessions().revoke(user.id(), session.id(), T0.minusSeconds(2))).isTrue();

        assertThat(sessions().find(user.id(), session.id()).orElseThrow().revokedAt()).isEqualTo(T0);
    }

    @Test
    void touchingMovesLastSeenForwardOnlyAndKeepsASessionFromIdling() {
        User user = newUser();
        Session session = create(session(user, T0));
        Instant later = T0.plus(Duration.ofMinutes(20));

        assertThat(sessions().touch(user.id(), session.id(), later)).isTrue();
        assertThat(sessions().touch(user.id(), session.id(), T0.plusSeconds(1))).as("a late request counts, but not backwards").isTrue();

        Session touched = sessions().find(user.id(), session.id()).orElseThrow();
        assertThat(touched.lastSeenAt()).isEqualTo(later);
        assertThat(touched.isActiveAt(T0.plus(Duration.ofMinutes(40)), IDLE)).isTrue();
        assertThat(sessions().countActive(user.id(), T0.plus(Duration.ofMinutes(40)), IDLE)).isEqualTo(1);
    }

    @Test
    void aRevokedOrUnknownSessionCannotBeTouched() {
        User user = newUser();
        Session session = create(session(user, T0));
        sessions().revoke(user.id(), session.id(), T0);

        assertThat(sessions().touch(user.id(), session.id(), T0.plusSeconds(1))).isFalse();
        assertThat(sessions().touch(user.id(), new SessionId(UUID.randomUUID()), T0.plusSeconds(1))).isFalse();
        assertThat(sessions().find(user.id(), session.id()).orElseThrow().lastSeenAt()).isEqualTo(T0);
    }

    @Test
    void anotherUserCannotRevokeTouchOrSeeASession() {
        User a = newUser();
        User b = newUser();
        Session ofA = create(session(a, T0));

        assertThat(sessions().revoke(b.id(), ofA.id(), T0.plusSeconds(1))).isFalse();
        assertThat(sessions().touch(b.id(), ofA.id(), T0.plusSeconds(1))).isFalse();
        assertThat(sessions().find(b.id(), ofA.id())).isEmpty();
        assertThat(sessions().revokeAllExcept(b.id(), ofA.id(), T0.plusSeconds(1))).isZero();
        assertThat(sessions().revokeAll(b.id(), T0.plusSeconds(1))).isZero();

        assertThat(sessions().find(a.id(), ofA.id())).contains(ofA);
        assertThat(sessions().listActive(a.id(), T0.plusSeconds(1), IDLE)).containsExactly(ofA);
        assertThat(sessions().findByTokenHash(ofA.tokenHash())).contains(ofA);
    }

    @Test
    void revokingAllSignsTheUserOutEverywhereAndNoOneElse() {
        User a = newUser();
        User b = newUser();
        create(session(a, T0));
        create(session(a, T0.plusSeconds(1)));
        Session ofB = create(session(b, T0));

        assertThat(sessions().revokeAll(a.id(), T0.plusSeconds(2))).isEqualTo(2);
        assertThat(sessions().revokeAll(a.id(), T0.plusSeconds(3))).as("nothing left").isZero();

        assertThat(sessions().countActive(a.id(), T0.plusSeconds(2), IDLE)).isZero();
        assertThat(sessions().listActive(b.id(), T0.plusSeconds(2), IDLE)).containsExactly(ofB);
    }

    @Test
    void revokingAllButOneKeepsThatOne() {
        User user = newUser();
        create(session(user, T0));
        Session keep = create(session(user, T0.plusSeconds(1)));
        create(session(user, T0.plusSeconds(2)));

        assertThat(sessions().revokeAllExcept(user.id(), keep.id(), T0.plusSeconds(3))).isEqualTo(2);

        assertThat(sessions().listActive(user.id(), T0.plusSeconds(3), IDLE)).containsExactly(keep);
    }

    @Test
    void theActiveListAgreesWithIsActiveAtAndIsOldestFirst() {
        User user = newUser();
        Session old = create(session(user, T0));
        Session recent = create(session(user, T0.plus(Duration.ofMinutes(20))));
        Session revoked = create(session(user, T0.plus(Duration.ofMinutes(21))));
        sessions().revoke(user.id(), revoked.id(), T0.plus(Duration.ofMinutes(22)));
        Session revokedNow = sessions().find(user.id(), revoked.id()).orElseThrow();

        for (Instant now : List.of(T0, T0.plus(Duration.ofMinutes(25)), T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofMinutes(49)),
                T0.plus(Duration.ofMinutes(50)))) {
            List<Session> expected = new ArrayList<>();
            for (Session s : List.of(old, recent, revokedNow)) {
                if (s.isActiveAt(now, IDLE)) {
                    expected.add(s);
                }
            }
            assertThat(sessions().listActive(user.id(), now, IDLE)).as("at " + now).containsExactlyElementsOf(expected);
            assertThat(sessions().countActive(user.id(), now, IDLE)).isEqualTo(expected.size());
        }
        assertThat(sessions().listActive(user.id(), T0.plus(Duration.ofMinutes(25)), IDLE)).containsExactly(old, recent);
    }

    @Test
    void purgingDeletesOnlySessionsThatEndedBeforeTheCutoff() {
        User user = newUser();
        Session expired = create(session(user, T0.minus(Duration.ofDays(3))));
        Session revokedLongAgo = create(session(user, T0.minus(Duration.ofDays(2))));
        sessions().revoke(user.id(), revokedLongAgo.id(), T0.minus(Duration.ofDays(2)));
        Session revokedToday = create(session(user, T0));
        sessions().revoke(user.id(), revokedToday.id(), T0.plusSeconds(1));
        Session live = create(session(user, T0.plusSeconds(2)));

        assertThat(sessions().purgeEndedBefore(T0.minus(Duration.ofDays(1)))).isGreaterThanOrEqualTo(2);

        assertThat(sessions().find(user.id(), expired.id())).isEmpty();
        assertThat(sessions().find(user.id(), revokedLongAgo.id())).isEmpty();
        assertThat(sessions().find(user.id(), revokedToday.id())).isPresent();
        assertThat(sessions().find(user.id(), live.id())).contains(live);
    }
}
