package dev.bulwark.adapters.persistence.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Membership;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

abstract class MembershipsContract extends StoreContract {

    private JooqMemberships memberships() {
        return new JooqMemberships(database.db());
    }

    private UserId newUser() {
        return AccountFixtures.newUser(database, newWorkspace(), T0).id();
    }

    private Membership join(WorkspaceId ws, UserId user, Role role, int secondsAfterT0) {
        Membership membership = new Membership(ws, user, role, T0.plusSeconds(secondsAfterT0));
        memberships().add(membership);
        return membership;
    }

    @Test
    void anAddedMembershipReadsBackEveryWay() {
        WorkspaceId ws = newWorkspace();
        UserId user = newUser();
        Membership membership = join(ws, user, Role.TRADER, 0);

        assertThat(memberships().roleOf(ws, user)).contains(Role.TRADER);
        assertThat(memberships().members(ws)).containsExactly(membership);
        assertThat(memberships().workspacesOf(user)).containsExactly(membership);
    }

    @Test
    void membersAreListedLongestStandingFirstAndAUsersWorkspacesOldestFirst() {
        WorkspaceId ws = newWorkspace();
        WorkspaceId other = newWorkspace();
        UserId owner = newUser();
        UserId late = newUser();
        Membership ownerJoined = join(ws, owner, Role.OWNER, 0);
        Membership lateJoined = join(ws, late, Role.VIEWER, 30);
        Membership ownerElsewhere = join(other, owner, Role.VIEWER, 10);

        assertThat(memberships().members(ws)).containsExactly(ownerJoined, lateJoined);
        assertThat(memberships().workspacesOf(owner)).containsExactly(ownerJoined, ownerElsewhere);
    }

    @Test
    void joiningTwiceIsAConflictAndKeepsTheFirstRole() {
        WorkspaceId ws = newWorkspace();
        UserId user = newUser();
        join(ws, user, Role.VIEWER, 0);

        assertThatThrownBy(() -> join(ws, user, Role.OWNER, 1)).isInstanceOf(Conflict.class);
        assertThat(memberships().roleOf(ws, user)).contains(Role.VIEWER);
    }

    @Test
    void joiningAnUnknownWorkspaceOrAsAnUnknownUserIsNotFound() {
        WorkspaceId ws = newWorkspace();
        UserId user = newUser();

        assertThatThrownBy(() -> join(new WorkspaceId(UUID.randomUUID()), user, Role.VIEWER, 0)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> join(ws, new UserId(UUID.randomUUID()), Role.VIEWER, 0)).isInstanceOf(NotFound.class);
        assertThat(memberships().members(ws)).isEmpty();
    }

    @Test
    void aNonMemberHasNoRole() {
        assertThat(memberships().roleOf(newWorkspace(), newUser())).isEmpty();
        assertThat(memberships().workspacesOf(new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(memberships().members(new WorkspaceId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void aRoleChangesAndKeepsTheMembershipsDate() {
        WorkspaceId ws = newWorkspace();
        UserId owner = newUser();
        UserId member = newUser();
        join(ws, owner, Role.OWNER, 0);
        Membership joined = join(ws, member, Role.VIEWER, 5);

        memberships().changeRole(ws, member, Role.TRADER);
        assertThat(memberships().roleOf(ws, member)).contains(Role.TRADER);
        memberships().changeRole(ws, member, Role.OWNER);
        assertThat(memberships().members(ws)).contains(new Membership(ws, member, Role.OWNER, joined.since()));
    }

    @Test
    void changingTheRoleOfANonMemberOrInAnUnknownWorkspaceIsNotFound() {
        WorkspaceId ws = newWorkspace();
        join(ws, newUser(), Role.OWNER, 0);

        assertThatThrownBy(() -> memberships().changeRole(ws, newUser(), Role.VIEWER)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> memberships().changeRole(new WorkspaceId(UUID.randomUUID()), newUser(), Role.VIEWER))
                .isInstanceOf(NotFound.class);
    }

    @Test
    void theLastOwnerCannotBeDemotedButOneOfTwoCan() {
        WorkspaceId ws = newWorkspace();
        UserId first = newUser();
        UserId second = newUser();
        join(ws, first, Role.OWNER, 0);

        assertThatThrownBy(() -> memberships().changeRole(ws, first, Role.TRADER)).isInstanceOf(Conflict.class)
                .hasMessageContaining("last owner");
        assertThat(memberships().roleOf(ws, first)).contains(Role.OWNER);

        join(ws, second, Role.OWNER, 1);
        memberships().changeRole(ws, first, Role.TRADER);
        assertThat(memberships().roleOf(ws, first)).contains(Role.TRADER);
        assertThatThrownBy(() -> memberships().changeRole(ws, second, Role.VIEWER)).isInstanceOf(Conflict.class);
        memberships().changeRole(ws, second, Role.OWNER); // owner to owner changes nothing and is allowed
    }

    @Test
    void theLastOwnerCannotBeRemovedButOtherMembersCan() {
        WorkspaceId ws = newWorkspace();
        UserId owner = newUser();
        UserId viewer = newUser();
        join(ws, owner, Role.OWNER, 0);
        join(ws, viewer, Role.VIEWER, 1);

        assertThatThrownBy(() -> memberships().remove(ws, owner)).isInstanceOf(Conflict.class);
        memberships().remove(ws, viewer);

        assertThat(memberships().members(ws)).extracting(Membership::user).containsExactly(owner);
        assertThat(memberships().workspacesOf(viewer)).isEmpty();
    }

    @Test
    void oneOfTwoOwnersCanLeave() {
        WorkspaceId ws = newWorkspace();
        UserId first = newUser();
        UserId second = newUser();
        join(ws, first, Role.OWNER, 0);
        join(ws, second, Role.OWNER, 1);

        memberships().remove(ws, first);

        assertThat(memberships().members(ws)).extracting(Membership::user).containsExactly(second);
    }

    @Test
    void removingANonMemberIsNotFound() {
        WorkspaceId ws = newWorkspace();
        join(ws, newUser(), Role.OWNER, 0);

        assertThatThrownBy(() -> memberships().remove(ws, newUser())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> memberships().remove(new WorkspaceId(UUID.randomUUID()), newUser())).isInstanceOf(NotFound.class);
    }

    @Test
    void ownersSteppingDownAllAtOnceLeaveExactlyOneOwner() throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            WorkspaceId ws = newWorkspace();
            List<UserId> owners = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                UserId owner = newUser();
                owners.add(owner);
                join(ws, owner, Role.OWNER, i);
            }
            AtomicInteger next = new AtomicInteger();

            List<Object> results = AccountFixtures.race(8, () -> {
                int i = next.getAndIncrement();
                if (i % 2 == 0) {
                    memberships().remove(ws, owners.get(i));
                } else {
                    memberships().changeRole(ws, owners.get(i), Role.VIEWER);
                }
                return "done";
            });

            assertThat(results).filteredOn("done"::equals).hasSize(7);
            assertThat(results).filteredOn(r -> r instanceof Conflict).hasSize(1);
            assertThat(memberships().members(ws)).filteredOn(m -> m.role() == Role.OWNER).hasSize(1);
        }
    }

    @Test
    void oneWorkspacesMembersNeverShowOrChangeThroughAnother() {
        WorkspaceId a = newWorkspace();
        WorkspaceId b = newWorkspace();
        UserId ownerA = newUser();
        UserId traderA = newUser();
        UserId ownerB = newUser();
        Membership ownerAJoined = join(a, ownerA, Role.OWNER, 0);
        Membership traderAJoined = join(a, traderA, Role.TRADER, 1);
        Membership ownerBJoined = join(b, ownerB, Role.OWNER, 0);

        assertThat(memberships().members(a)).containsExactly(ownerAJoined, traderAJoined);
        assertThat(memberships().members(b)).containsExactly(ownerBJoined);
        for (UserId memberOfA : List.of(ownerA, traderA)) {
            assertThat(memberships().roleOf(b, memberOfA)).isEmpty();
            assertThatThrownBy(() -> memberships().changeRole(b, memberOfA, Role.VIEWER)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> memberships().remove(b, memberOfA)).isInstanceOf(NotFound.class);
        }
        assertThat(memberships().members(a)).containsExactly(ownerAJoined, traderAJoined);
        assertThat(memberships().workspacesOf(traderA)).containsExactly(traderAJoined);
    }
}
