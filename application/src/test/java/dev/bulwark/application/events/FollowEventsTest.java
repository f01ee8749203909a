package dev.bulwark.application.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bulwark.domain.accounts.ApiKeyId;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.Scope;
import dev.bulwark.domain.accounts.SessionId;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.events.Event;
import dev.bulwark.domain.events.EventType;
import dev.bulwark.domain.events.LoggedEvent;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.driving.events.FollowEvents;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FollowEventsTest {
    static final Instant AT = Instant.parse("2026-11-21T08:00:00Z");

    final WorkspaceId mine = new WorkspaceId(new UUID(1, 1));
    final WorkspaceId theirs = new WorkspaceId(new UUID(1, 2));
    final Principal viewer = new Principal(new UserId(new UUID(2, 1)), mine, Role.VIEWER,
            Set.of(Scope.READ, Scope.TRADE, Scope.MANAGE), new SessionId(new UUID(3, 1)), null);
    final MemoryEventLog log = new MemoryEventLog();
    final FollowEvents events = EventsFactory.followEvents(log);

    long append(WorkspaceId workspace, String n) {
        return log.append(new Event(workspace, EventType.ORDER_UPDATED, AT, Map.of("n", n)));
    }

    @Test
    void aFollowerSeesOnlyItsWorkspacesEventsInOrderAndResumesAfterTheLastItSaw() {
        append(mine, "1");
        append(theirs, "2");
        append(mine, "3");
        append(mine, "4");

        assertThat(events.after(viewer, 0, 1000)).extracting(e -> e.event().data().get("n")).containsExactly("1", "3", "4");
        assertThat(events.after(viewer, 0, 2)).extracting(LoggedEvent::sequence).containsExactly(1L, 3L);
        assertThat(events.after(viewer, 3, 1000)).extracting(LoggedEvent::sequence).containsExactly(4L);
        assertThat(events.after(viewer, 4, 1000)).isEmpty();
    }

    @Test
    void theHostsFanOutReadsEveryWorkspace() {
        append(mine, "1");
        append(theirs, "2");

        assertThat(events.allAfter(0, 1000)).extracting(e -> e.event().workspace()).containsExactly(mine, theirs);
        assertThat(events.allAfter(1, 1)).extracting(LoggedEvent::sequence).containsExactly(2L);
        assertThat(events.lastSequence()).isEqualTo(2);
        assertThat(events.firstSequence()).isEqualTo(1);
    }

    @Test
    void anEmptyLogStartsAtZero() {
        assertThat(events.lastSequence()).isZero();
        assertThat(events.firstSequence()).isZero();
        assertThat(events.after(viewer, 0, 1)).isEmpty();
    }

    @Test
    void aKeyWithoutTheReadScopeFollowsNothing() {
        Principal tradeOnly = new Principal(new UserId(new UUID(2, 2)), mine, Role.TRADER, Set.of(Scope.TRADE), null,
                new ApiKeyId(new UUID(4, 1)));
        append(mine, "1");

        assertThatThrownBy(() -> events.after(tradeOnly, 0, 10)).isInstanceOf(Forbidden.class);
    }

    @ParameterizedTest
    @CsvSource({"0, 0, limit", "0, 1001, limit", "0, -5, limit", "-1, 10, afterSequence"})
    void aLimitOutsideOneToAThousandOrANegativeSequenceIsInvalid(long after, int limit, String field) {
        Throwable forClient = catchThrowable(() -> events.after(viewer, after, limit));
        Throwable forHost = catchThrowable(() -> events.allAfter(after, limit));

        for (Throwable error : new Throwable[] {forClient, forHost}) {
            assertThat(error).isInstanceOf(Invalid.class);
            assertThat(((Invalid) error).fieldErrors()).extracting(FieldError::field).containsExactly(field);
        }
    }

    @Test
    void theLimitsThemselvesAreAllowed() {
        append(mine, "1");

        assertThat(events.after(viewer, 0, 1)).hasSize(1);
        assertThat(events.after(viewer, 0, 1000)).hasSize(1);
        assertThat(events.allAfter(0, 1000)).hasSize(1);
    }
}
