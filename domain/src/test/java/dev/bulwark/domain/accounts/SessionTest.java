package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTest {
    static final Instant T0 = UserTest.T0;
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final SessionId ID = new SessionId(UUID.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d"));
    static final Duration IDLE = Duration.ofMinutes(30);

    static Session session(String tokenHash, Instant created, Instant lastSeen, Instant expires, @Nullable Instant revoked,
                           @Nullable String ip, @Nullable String userAgent) {
        return new Session(ID, UserTest.ID, UserTest.WS, tokenHash, created, lastSeen, expires, revoked, ip, userAgent);
    }

    static Session fresh() {
        return session(HASH, T0, T0, T0.plus(Duration.ofHours(24)), null, "203.0.113.7", "Firefox");
    }

    @Test
    void keepsItsValues() {
        Session s = fresh();
        assertThat(s.tokenHash()).isEqualTo(HASH);
        assertThat(s.ip()).isEqualTo("203.0.113.7");
        assertThat(session(HASH, T0, T0, T0.plusSeconds(1), null, null, null).userAgent()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08a",
            "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})
    void refusesATokenHashThatIsNotLowerHexSha256(String tokenHash) {
        assertThatThrownBy(() -> session(tokenHash, T0, T0, T0.plusSeconds(1), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenHash");
    }

    @Test
    void refusesTimesOutOfOrder() {
        assertThatThrownBy(() -> session(HASH, T0, T0.minusSeconds(1), T0.plusSeconds(1), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seen");
        assertThatThrownBy(() -> session(HASH, T0, T0, T0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expires");
        assertThatThrownBy(() -> session(HASH, T0, T0, T0.minusSeconds(1), null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expires");
        assertThatThrownBy(() -> session(HASH, T0, T0, T0.plusSeconds(1), T0.minusSeconds(1), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("revoked");
    }

    @Test
    void refusesABlankOrOverlongIpAndCutsALongUserAgent() {
        assertThatThrownBy(() -> session(HASH, T0, T0, T0.plusSeconds(1), null, " ", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> session(HASH, T0, T0, T0.plusSeconds(1), null, "1".repeat(Session.MAX_IP_LENGTH + 1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session(HASH, T0, T0, T0.plusSeconds(1), null, "1".repeat(Session.MAX_IP_LENGTH), null).ip()).hasSize(64);
        assertThat(session(HASH, T0, T0, T0.plusSeconds(1), null, null, "u".repeat(2_000)).userAgent())
                .hasSize(Session.MAX_USER_AGENT_LENGTH);
    }

    @Test
    void refusesNulls() {
        Instant end = T0.plusSeconds(1);
        assertThatThrownBy(() -> new Session(null, UserTest.ID, UserTest.WS, HASH, T0, T0, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, null, UserTest.WS, HASH, T0, T0, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, UserTest.ID, null, HASH, T0, T0, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, UserTest.ID, UserTest.WS, null, T0, T0, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, UserTest.ID, UserTest.WS, HASH, null, T0, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, UserTest.ID, UserTest.WS, HASH, T0, null, end, null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Session(ID, UserTest.ID, UserTest.WS, HASH, T0, T0, null, null, null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isActiveUntilRevokedExpiredOrIdle() {
        Session s = fresh();
        assertThat(s.isActiveAt(T0, IDLE)).isTrue();
        assertThat(s.isActiveAt(T0.plus(IDLE).minusNanos(1), IDLE)).isTrue();
        assertThat(s.isActiveAt(T0.plus(IDLE), IDLE)).as("idle").isFalse();
        Session seenLate = session(HASH, T0, T0.plus(Duration.ofHours(23).plusMinutes(50)), T0.plus(Duration.ofHours(24)), null, null, null);
        assertThat(seenLate.isActiveAt(T0.plus(Duration.ofHours(24)).minusNanos(1), IDLE)).isTrue();
        assertThat(seenLate.isActiveAt(T0.plus(Duration.ofHours(24)), IDLE)).as("absolute end").isFalse();
        Session revoked = session(HASH, T0, T0, T0.plus(Duration.ofHours(24)), T0.plusSeconds(1), null, null);
        assertThat(revoked.isActiveAt(T0.plusSeconds(2), IDLE)).isFalse();
    }

    @Test
    void printsNoTokenHash() {
        assertThat(fresh().toString()).doesNotContain(HASH).contains(ID.toString());
    }
}
