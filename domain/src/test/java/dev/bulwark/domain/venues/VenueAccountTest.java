package dev.bulwark.domain.venues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VenueAccountTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final VenueAccountId ID = new VenueAccountId(new UUID(0, 1));
    static final WorkspaceId WORKSPACE = new WorkspaceId(new UUID(0, 2));
    static final VenueId BINANCE = new VenueId("binance");
    static final SealedSecret SEALED = new SealedSecret("v1:sealed-envelope");

    static VenueAccount binance(String label, @Nullable String baseUrl, Set<Permission> permissions,
            @Nullable String hint, @Nullable SealedSecret credentials) {
        return new VenueAccount(ID, WORKSPACE, BINANCE, label, Environment.LIVE, baseUrl, permissions, true, hint,
                credentials, SyncState.never(), T0, T0);
    }

    static VenueAccount binance() {
        return binance("Main", null, Set.of(Permission.READ, Permission.TRADE), "abcd\u2026wxyz", SEALED);
    }

    @Test
    void aWellFormedAccountKeepsItsValues() {
        VenueAccount account = binance();
        assertThat(account.label()).isEqualTo("Main");
        assertThat(account.canTrade()).isTrue();
        assertThat(account.canWithdraw()).isFalse();
        assertThat(account.isPaper()).isFalse();
    }

    @Test
    void permissionsAreCopiedSoTheCallerCannotChangeThemAfterwards() {
        Set<Permission> given = new HashSet<>(Set.of(Permission.READ));
        VenueAccount account = binance("Main", null, given, null, SEALED);
        given.add(Permission.WITHDRAW);
        assertThat(account.permissions()).containsExactly(Permission.READ);
        assertThatThrownBy(() -> account.permissions().add(Permission.TRADE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aKeyThatCanWithdrawIsStoredSoItCanBeRecognised() {
        VenueAccount account = binance("Main", null, EnumSet.allOf(Permission.class), null, SEALED);
        assertThat(account.canWithdraw()).isTrue();
    }

    @Test
    void refusesNoPermissions() {
        assertThatThrownBy(() -> binance("Main", null, Set.of(), null, SEALED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one permission");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " Main", "Main ", "a\tb", "line\nbreak"})
    void refusesABlankPaddedOrControlLabel(String label) {
        assertThatThrownBy(() -> binance(label, null, Set.of(Permission.READ), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    }

    @Test
    void aLabelIsAtMost100Characters() {
        assertThat(binance("x".repeat(100), null, Set.of(Permission.READ), null, null).label()).hasSize(100);
        assertThatThrownBy(() -> binance("x".repeat(101), null, Set.of(Permission.READ), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://testnet.binance.vision", "https://api.kraken.com:443/0/", "https://demo-fapi.binance.com/fapi"})
    void acceptsAnHttpsBaseUrl(String url) {
        assertThat(binance("Main", url, Set.of(Permission.READ), null, null).baseUrl()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://testnet.binance.vision", "https://user:pw@api.binance.com", "https://api.binance.com?key=x",
        "https://api.binance.com/#frag", "ftp://x.y", "https://", "https://exa mple.com", "testnet.binance.vision"})
    void refusesAnythingButAPlainHttpsUrl(String url) {
        assertThatThrownBy(() -> binance("Main", url, Set.of(Permission.READ), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void refusesAVeryLongBaseUrl() {
        String url = "https://a.example/" + "p".repeat(200);
        assertThatThrownBy(() -> binance("Main", url, Set.of(Permission.READ), null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcd\u2026wxyz", "\u2026wxyz", "\u2026", "abcd...wxyz", "****wxyz", "ab**yz"})
    void acceptsAMaskedKeyAsHint(String hint) {
        assertThat(binance("Main", null, Set.of(Permission.READ), hint, SEALED).apiKeyHint()).isEqualTo(hint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A", "abcdwxyz", "abcde\u2026wxyz", "", "abcd \u2026 wxyz"})
    void refusesAnUnmaskedKeyAsHintWithoutEchoingIt(String hint) {
        assertThatThrownBy(() -> binance("Main", null, Set.of(Permission.READ), hint, SEALED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("masked")
                .satisfies(e -> {
                    if (!hint.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(hint);
                    }
                });
    }

    @Test
    void aHintGoesWithCredentials() {
        assertThatThrownBy(() -> binance("Main", null, Set.of(Permission.READ), "abcd\u2026wxyz", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
    }

    @Test
    void hintOfShowsAtMostFourCharactersEachSideAndNeverHalfOfAShortKey() {
        assertThat(VenueAccount.hintOf("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")).isEqualTo("vmPU\u2026Eh8A");
        assertThat(VenueAccount.hintOf("  0123456789ab  ")).isEqualTo("\u202689ab");
        assertThat(VenueAccount.hintOf("short")).isEqualTo("\u2026");
        String hint = VenueAccount.hintOf("0123456789abcdef");
        assertThat(binance("Main", null, Set.of(Permission.READ), hint, SEALED).apiKeyHint()).isEqualTo("0123\u2026cdef");
        assertThatThrownBy(() -> VenueAccount.hintOf("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VenueAccount.hintOf("has space inside")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPaperAccountHasNoKeyAndIsPaper() {
        VenueAccount paper = VenueAccount.paper(ID, WORKSPACE, "Practice", T0);
        assertThat(paper.isPaper()).isTrue();
        assertThat(paper.environment()).isEqualTo(Environment.PAPER);
        assertThat(paper.canTrade()).isTrue();
        assertThatThrownBy(() -> new VenueAccount(ID, WORKSPACE, VenueId.PAPER, "P", Environment.PAPER, null,
                Set.of(Permission.READ), true, null, SEALED, SyncState.never(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no API key");
        assertThatThrownBy(() -> new VenueAccount(ID, WORKSPACE, VenueId.PAPER, "P", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PAPER");
    }

    @Test
    void aTestnetAccountIsAPaperEnvironmentOnARealVenueWithAKey() {
        VenueAccount testnet = new VenueAccount(ID, WORKSPACE, BINANCE, "Testnet", Environment.PAPER,
                "https://testnet.binance.vision", Set.of(Permission.READ, Permission.TRADE), true, "abcd\u2026wxyz", SEALED,
                SyncState.never(), T0, T0);
        assertThat(testnet.isPaper()).isFalse();
        assertThat(testnet.environment()).isEqualTo(Environment.PAPER);
    }

    @Test
    void updatedAtIsNotBeforeCreatedAt() {
        assertThatThrownBy(() -> new VenueAccount(ID, WORKSPACE, BINANCE, "Main", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0.minusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before");
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new VenueAccount(null, WORKSPACE, BINANCE, "Main", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, SyncState.never(), T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new VenueAccount(ID, WORKSPACE, BINANCE, "Main", Environment.LIVE, null,
                null, true, null, null, SyncState.never(), T0, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new VenueAccount(ID, WORKSPACE, BINANCE, "Main", Environment.LIVE, null,
                Set.of(Permission.READ), true, null, null, null, T0, T0)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theCredentialsNeverPrint() {
        assertThat(binance().toString()).doesNotContain("sealed-envelope");
    }
}
