package dev.bulwark.adapters.persistence.storage;

import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACES;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.WorkspacesRecord;
import dev.bulwark.domain.accounts.Workspace;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.storage.Workspaces;
import dev.bulwark.ports.errors.Conflict;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/** Workspaces in SQL. */
public final class JooqWorkspaces implements Workspaces {
    private final Db db;

    public JooqWorkspaces(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void create(Workspace workspace) {
        try {
            db.ctx().insertInto(WORKSPACES)
                    .set(WORKSPACES.ID, workspace.id().value())
                    .set(WORKSPACES.NAME, workspace.name())
                    .set(WORKSPACES.KIND, workspace.kind().name())
                    .set(WORKSPACES.CREATED_AT, workspace.createdAt().atOffset(ZoneOffset.UTC))
                    .execute();
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("workspace " + workspace.id() + " exists already");
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public Optional<Workspace> find(WorkspaceId id) {
        return db.ctx().selectFrom(WORKSPACES).where(WORKSPACES.ID.eq(id.value())).fetchOptional().map(JooqWorkspaces::toWorkspace);
    }

    private static Workspace toWorkspace(WorkspacesRecord r) {
        return new Workspace(new WorkspaceId(r.getId()), r.getName(), Workspace.Kind.valueOf(r.getKind()), r.getCreatedAt().toInstant());
    }
}
