package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACES;
import static dev.bulwark.adapters.persistence.jooq.Tables.WORKSPACE_PLANS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driven.accounts.Plans;
import dev.bulwark.ports.errors.NotFound;
import java.util.Objects;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

/**
 * Workspaces' plans in SQL: a row only for a workspace whose plan was set, so the instance's default stays the
 * application's to apply (and changing it reaches every workspace without a plan of its own).
 */
public final class JooqPlans implements Plans {
    private final Db db;

    public JooqPlans(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public Optional<Plan> find(WorkspaceId workspace) {
        return db.ctx().select(WORKSPACE_PLANS.PLAN).from(WORKSPACE_PLANS)
                .where(WORKSPACE_PLANS.WORKSPACE_ID.eq(workspace.value()))
                .fetchOptional(WORKSPACE_PLANS.PLAN)
                .map(Plan::valueOf);
    }

    @Override
    public void set(WorkspaceId workspace, Plan plan) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(plan, "plan");
        db.inTransaction(() -> {
            // checked first rather than caught as a foreign-key violation: that would abort a caller's transaction
            if (!db.ctx().fetchExists(WORKSPACES, WORKSPACES.ID.eq(workspace.value()))) {
                throw new NotFound("workspace " + workspace + " not found");
            }
            try {
                return db.ctx().insertInto(WORKSPACE_PLANS)
                        .set(WORKSPACE_PLANS.WORKSPACE_ID, workspace.value())
                        .set(WORKSPACE_PLANS.PLAN, plan.name())
                        .onConflict(WORKSPACE_PLANS.WORKSPACE_ID)
                        .doUpdate()
                        .set(WORKSPACE_PLANS.PLAN, plan.name())
                        .execute();
            } catch (DataAccessException e) {
                throw SqlErrors.translate(e);
            }
        });
    }
}
