package dev.bulwark.adapters.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.audit.AuditEntry;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class AuditLogContract extends StoreContract {

    private JooqAuditLog log() {
        return new JooqAuditLog(database.db());
    }

    private static AuditEntry entry(WorkspaceId ws, String target, Instant at) {
        return new AuditEntry(UUID.randomUUID(), ws, "user:" + UUID.randomUUID(), "venue-account.create", target, null, null, null,
                at, Map.of());
    }

    private AuditEntry append(WorkspaceId ws, String target, Instant at) {
        AuditEntry entry = entry(ws, target, at);
        log().append(entry);
        return entry;
    }

    @Test
    void anEntryReadsBackEqualWithEveryFieldAndAwkwardDetails() {
        WorkspaceId ws = newWorkspace();
        Map<String, String> details = Map.of(
                "venue", "binance",
                "note", "a & b = c; 100% sure",
                "empty", "",
                "unicode", "Zürich → 東京 \uD83D\uDE80",
                "key with space", "line\nbreak\u0000nul");
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), ws, "user:ann", "secret.open", "venue-account:42", "corr-123",
                "2001:db8::1", "Mozilla/5.0", T0, details);

        log().append(entry);

        assertThat(log().list(ws, null, null, 10)).containsExactly(entry);
    }

    @Test
    void anEntryWithoutOptionalFieldsReadsBackEqual() {
        WorkspaceId ws = newWorkspace();
        AuditEntry entry = append(ws, "system", T0);

        assertThat(log().list(ws, null, null, 10)).containsExactly(entry);
    }

    @Test
    void entriesListNewestFirstAndPageBackWithBefore() {
        WorkspaceId ws = newWorkspace();
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            appended.add(append(ws, "bot:" + (i % 2), T0.plusSeconds(i)));
        }
        List<AuditEntry> newestFirst = appended.reversed();

        List<AuditEntry> first = log().list(ws, null, null, 3);
        List<AuditEntry> second = log().list(ws, null, first.getLast().at(), 3);
        List<AuditEntry> third = log().list(ws, null, second.getLast().at(), 3);

        assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 3));
        assertThat(second).containsExactlyElementsOf(newestFirst.subList(3, 6));
        assertThat(third).containsExactlyElementsOf(newestFirst.subList(6, 7));
        assertThat(log().list(ws, null, appended.getFirst().at(), 3)).isEmpty();
    }

    @Test
    void beforeIsStrict() {
        WorkspaceId ws = newWorkspace();
        AuditEntry earlier = append(ws, "t", T0);
        append(ws, "t", T0.plusNanos(1000));

        assertThat(log().list(ws, null, T0.plusNanos(1000), 10)).containsExactly(earlier);
    }

    @Test
    void aTargetNarrowsTheListAndPagesToo() {
        WorkspaceId ws = newWorkspace();
        AuditEntry a1 = append(ws, "venue-account:a", T0);
        append(ws, "venue-account:b", T0.plusSeconds(1));
        AuditEntry a2 = append(ws, "venue-account:a", T0.plusSeconds(2));
        append(ws, "venue-account:b", T0.plusSeconds(3));
        AuditEntry a3 = append(ws, "venue-account:a", T0.plusSeconds(4));

        assertThat(log().list(ws, "venue-account:a", null, 10)).containsExactly(a3, a2, a1);
        assertThat(log().list(ws, "venue-account:a", a3.at(), 1)).containsExactly(a2);
        assertThat(log().list(ws, "venue-account:none", null, 10)).isEmpty();
    }

    @Test
    void entriesAtTheSameInstantComeInAStableOrder() {
        WorkspaceId ws = newWorkspace();
        for (int i = 0; i < 5; i++) {
            append(ws, "t", T0);
        }

        assertThat(log().list(ws, null, null, 10)).hasSize(5).isEqualTo(log().list(ws, null, null, 10));
    }

    @Test
    void aLimitBelowOneIsRefusedAndALargeOneIsCapped() {
        WorkspaceId ws = newWorkspace();
        assertThatThrownBy(() -> log().list(ws, null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log().list(ws, null, null, Integer.MAX_VALUE)).isEmpty();
    }

    @Test
    void theSameIdTwiceIsAConflict() {
        WorkspaceId ws = newWorkspace();
        AuditEntry entry = append(ws, "t", T0);

        assertThatThrownBy(() -> log().append(entry)).isInstanceOf(Conflict.class);
        assertThat(log().list(ws, null, null, 10)).containsExactly(entry);
    }

    @Test
    void anEntryOfAnUnknownWorkspaceIsNotFound() {
        assertThatThrownBy(() -> log().append(entry(new WorkspaceId(UUID.randomUUID()), "t", T0))).isInstanceOf(NotFound.class);
    }

    @Test
    void anOverlongAddressIsCutRatherThanFailingTheAuditedChange() {
        WorkspaceId ws = newWorkspace();
        String chain = "203.0.113.7, ".repeat(20);
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), ws, "system", "login.fail", "user:x", null, chain, null, T0, Map.of());

        log().append(entry);

        assertThat(log().list(ws, null, null, 1).getFirst().ip()).isEqualTo(chain.substring(0, JooqAuditLog.MAX_IP_LENGTH));
    }

    @Test
    void anEntryCommitsAndRollsBackWithTheAuditedChange() {
        WorkspaceId ws = newWorkspace();
        AuditEntry kept = entry(ws, "t", T0);

        database.transactions().inTransaction(() -> log().append(kept));
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            log().append(entry(ws, "t", T0.plusSeconds(1)));
            throw new IllegalStateException("the audited change failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(log().list(ws, null, null, 10)).containsExactly(kept);
    }

    @Test
    void oneWorkspacesEntriesNeverShowInAnothers() {
        WorkspaceId a = newWorkspace();
        WorkspaceId b = newWorkspace();
        AuditEntry ofA = append(a, "venue-account:shared", T0);
        AuditEntry ofB = append(b, "venue-account:shared", T0.plusSeconds(1));
        AuditEntry otherOfA = append(a, "bot:1", T0.plusSeconds(2));

        assertThat(log().list(a, null, null, 10)).containsExactly(otherOfA, ofA);
        assertThat(log().list(b, null, null, 10)).containsExactly(ofB);
        assertThat(log().list(b, "venue-account:shared", null, 10)).containsExactly(ofB);
        assertThat(log().list(b, "bot:1", null, 10)).isEmpty();
        assertThat(log().list(b, null, T0.plusSeconds(10), 10)).containsExactly(ofB);
    }
}
