package dev.bulwark.adapters.persistence.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import java.util.UUID;
import org.junit.jupiter.api.Test;

abstract class WorkspacesContract extends StoreContract {

    @Test
    void aCreatedWorkspaceReadsBackEqual() {
        var workspaces = new JooqWorkspaces(database.db());
        var workspace = new Workspace(new WorkspaceId(UUID.randomUUID()), "Trading desk", Workspace.Kind.TEAM, T0);

        workspaces.create(workspace);

        assertThat(workspaces.find(workspace.id())).contains(workspace);
    }

    @Test
    void aSecondWorkspaceWithTheSameIdIsAConflictAndChangesNothing() {
        var workspaces = new JooqWorkspaces(database.db());
        var workspace = new Workspace(new WorkspaceId(UUID.randomUUID()), "first", Workspace.Kind.PERSONAL, T0);
        workspaces.create(workspace);

        assertThatThrownBy(() -> workspaces.create(new Workspace(workspace.id(), "second", Workspace.Kind.TEAM, T0)))
                .isInstanceOf(Conflict.class);
        assertThat(workspaces.find(workspace.id())).contains(workspace);
    }

    @Test
    void anUnknownWorkspaceIsEmpty() {
        assertThat(new JooqWorkspaces(database.db()).find(new WorkspaceId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aTransactionThatThrowsLeavesNothingBehind() {
        var workspaces = new JooqWorkspaces(database.db());
        var id = new WorkspaceId(UUID.randomUUID());

        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            workspaces.create(new Workspace(id, "doomed", Workspace.Kind.PERSONAL, T0));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        assertThat(workspaces.find(id)).isEmpty();
    }

    @Test
    void storesInOneTransactionCommitTogether() {
        var workspaces = new JooqWorkspaces(database.db());
        var a = new WorkspaceId(UUID.randomUUID());
        var b = new WorkspaceId(UUID.randomUUID());

        database.transactions().inTransaction(() -> {
            workspaces.create(new Workspace(a, "a", Workspace.Kind.PERSONAL, T0));
            database.transactions().inTransaction(() -> workspaces.create(new Workspace(b, "b", Workspace.Kind.PERSONAL, T0)));
        });

        assertThat(workspaces.find(a)).isPresent();
        assertThat(workspaces.find(b)).isPresent();
    }

    @Test
    void aSavepointThatFailsRollsBackOnlyItsOwnPartAndTheTransactionGoesOn() {
        var workspaces = new JooqWorkspaces(database.db());
        var kept = new WorkspaceId(UUID.randomUUID());
        var undone = new WorkspaceId(UUID.randomUUID());
        var after = new WorkspaceId(UUID.randomUUID());

        database.transactions().inTransaction(() -> {
            workspaces.create(new Workspace(kept, "kept", Workspace.Kind.PERSONAL, T0));
            assertThatThrownBy(() -> database.db().<Void>savepoint(() -> {
                workspaces.create(new Workspace(undone, "undone", Workspace.Kind.PERSONAL, T0));
                workspaces.create(new Workspace(kept, "twin", Workspace.Kind.PERSONAL, T0)); // a SQL error
                return null;
            })).isInstanceOf(Conflict.class);
            workspaces.create(new Workspace(after, "after", Workspace.Kind.PERSONAL, T0)); // usable on PostgreSQL too
        });

        assertThat(workspaces.find(kept)).isPresent();
        assertThat(workspaces.find(undone)).isEmpty();
        assertThat(workspaces.find(after)).isPresent();
    }

    @Test
    void aSavepointThatSucceedsCommitsWithItsTransactionOrNotAtAll() {
        var workspaces = new JooqWorkspaces(database.db());
        var inside = new WorkspaceId(UUID.randomUUID());

        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            database.db().<Void>savepoint(() -> {
                workspaces.create(new Workspace(inside, "inside", Workspace.Kind.PERSONAL, T0));
                return null;
            });
            throw new IllegalStateException("the transaction fails after the savepoint");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(workspaces.find(inside)).isEmpty();
    }

    @Test
    void aFailedTransactionLeavesEveryPooledConnectionAutoCommitting() {
        var workspaces = new JooqWorkspaces(database.db());
        for (int i = 0; i < 12; i++) { // more than the test pool holds: every connection has failed once
            var doomed = new WorkspaceId(UUID.randomUUID());
            assertThatThrownBy(() -> database.transactions().<Void>inTransaction(() -> {
                workspaces.create(new Workspace(doomed, "doomed", Workspace.Kind.PERSONAL, T0));
                workspaces.create(new Workspace(doomed, "twin", Workspace.Kind.PERSONAL, T0));
                return null;
            })).isInstanceOf(Conflict.class);
            assertThat(workspaces.find(doomed)).isEmpty();
        }
        var single = new WorkspaceId(UUID.randomUUID());
        workspaces.create(new Workspace(single, "outside any transaction", Workspace.Kind.PERSONAL, T0));

        assertThat(database.db().inTransaction()).isFalse();
        assertThat(workspaces.find(single)).isPresent();
    }
}
