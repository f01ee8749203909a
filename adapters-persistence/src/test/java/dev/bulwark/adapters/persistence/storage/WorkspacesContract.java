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
}
