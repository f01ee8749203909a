package dev.bulwark.adapters.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Plan;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.NotFound;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

abstract class PlansContract extends StoreContract {
    private JooqPlans plans;
    private WorkspaceId ws;

    @BeforeEach
    void store() {
        plans = new JooqPlans(database.db());
        ws = newWorkspace();
    }

    @Test
    void aWorkspaceWithoutAPlanHasNoneStoredSoTheDefaultApplies() {
        assertThat(plans.find(ws)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Plan.class)
    void everyPlanIsStoredAndReadBack(Plan plan) {
        plans.set(ws, plan);

        assertThat(plans.find(ws)).contains(plan);
    }

    @Test
    void settingAgainReplacesThePlanOfThatWorkspaceOnly() {
        WorkspaceId other = newWorkspace();
        plans.set(ws, Plan.FREE);
        plans.set(other, Plan.ELITE);

        plans.set(ws, Plan.PRO);

        assertThat(plans.find(ws)).contains(Plan.PRO);
        assertThat(plans.find(other)).contains(Plan.ELITE);
    }

    @Test
    void anUnknownWorkspaceIsNotFoundAndGetsNoPlan() {
        WorkspaceId unknown = new WorkspaceId(UUID.randomUUID());

        assertThatThrownBy(() -> plans.set(unknown, Plan.BASIC)).isInstanceOf(NotFound.class);
        assertThat(plans.find(unknown)).isEmpty();
    }

    @Test
    void aNotFoundInsideTheCallersTransactionLeavesItUsable() {
        WorkspaceId unknown = new WorkspaceId(UUID.randomUUID());

        database.transactions().inTransaction(() -> {
            assertThatThrownBy(() -> plans.set(unknown, Plan.BASIC)).isInstanceOf(NotFound.class);
            plans.set(ws, Plan.BASIC); // PostgreSQL would refuse this if the failure had aborted the transaction
            return null;
        });

        assertThat(plans.find(ws)).contains(Plan.BASIC);
    }

    @Test
    void aPlanSetInATransactionThatRollsBackIsNotKept() {
        assertThatThrownBy(() -> database.transactions().inTransaction(() -> {
            plans.set(ws, Plan.ELITE);
            throw new IllegalStateException("the upgrade's payment failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(plans.find(ws)).isEmpty();
    }
}
