package dev.bulwark.adapters.persistence.accounts;

import static dev.bulwark.adapters.persistence.accounts.AccountFixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.persistence.testing.StoreContract;
import dev.bulwark.domain.accounts.Invitation;
import dev.bulwark.domain.accounts.Role;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

abstract class InvitationsContract extends StoreContract {
    static final Duration VALID = Duration.ofDays(7);

    private JooqInvitations invitations() {
        return new JooqInvitations(database.db());
    }

    private User newUser() {
        return AccountFixtures.newUser(database, newWorkspace(), T0);
    }

    private static Invitation invitation(User owner, Role role, Instant createdAt) {
        return new Invitation(UUID.randomUUID(), owner.personalWorkspace(), "Invitee-" + UUID.randomUUID() + "@Example.com", role,
                sha256(UUID.randomUUID().toString()), owner.id(), createdAt, createdAt.plus(VALID), null, null);
    }

    private Invitation create(User owner, Instant createdAt) {
        Invitation invitation = invitation(owner, Role.TRADER, createdAt);
        invitations().create(invitation);
        return invitation;
    }

    private Invitation byToken(Invitation invitation) {
        return invitations().findByTokenHash(invitation.tokenHash()).orElseThrow();
    }

    @Test
    void aCreatedInvitationReadsBackEqualByItsTokenAndInTheList() {
        User owner = newUser();
        for (Role role : Role.values()) {
            Invitation invitation = invitation(owner, role, T0);
            invitations().create(invitation);
            assertThat(invitations().findByTokenHash(invitation.tokenHash())).contains(invitation);
        }
        assertThat(invitations().list(owner.personalWorkspace())).hasSize(Role.values().length);
    }

    @Test
    void anUnknownTokenIsEmpty() {
        assertThat(invitations().findByTokenHash(sha256("never issued"))).isEmpty();
        assertThat(invitations().findByTokenHash("not a hash")).isEmpty();
    }

    @Test
    void aTakenIdOrTokenIsAConflictAndStoresNothing() {
        User owner = newUser();
        Invitation first = create(owner, T0);
        Invitation sameToken = new Invitation(UUID.randomUUID(), first.workspace(), "x@example.com", Role.VIEWER, first.tokenHash(),
                owner.id(), T0, T0.plus(VALID), null, null);
        Invitation sameId = new Invitation(first.id(), first.workspace(), "y@example.com", Role.VIEWER, sha256("other"), owner.id(),
                T0, T0.plus(VALID), null, null);

        assertThatThrownBy(() -> invitations().create(sameToken)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> invitations().create(sameId)).isInstanceOf(Conflict.class);
        assertThat(invitations().list(owner.personalWorkspace())).containsExactly(first);
        assertThat(invitations().findByTokenHash(sameId.tokenHash())).isEmpty();
    }

    @Test
    void anInvitationToAnUnknownWorkspaceOrFromAnUnknownUserIsNotFound() {
        User owner = newUser();
        Invitation unknownWorkspace = new Invitation(UUID.randomUUID(), new WorkspaceId(UUID.randomUUID()), "a@example.com", Role.TRADER,
                sha256("w"), owner.id(), T0, T0.plus(VALID), null, null);
        Invitation unknownInviter = new Invitation(UUID.randomUUID(), owner.personalWorkspace(), "b@example.com", Role.TRADER,
                sha256("u"), new UserId(UUID.randomUUID()), T0, T0.plus(VALID), null, null);

        assertThatThrownBy(() -> invitations().create(unknownWorkspace)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> invitations().create(unknownInviter)).isInstanceOf(NotFound.class);
        assertThat(invitations().findByTokenHash(unknownWorkspace.tokenHash())).isEmpty();
        assertThat(invitations().list(owner.personalWorkspace())).isEmpty();
    }

    @Test
    void aNewInvitationThatEndedAlreadyIsRefused() {
        User owner = newUser();
        Invitation open = invitation(owner, Role.TRADER, T0);
        Invitation accepted = new Invitation(open.id(), open.workspace(), open.email(), open.role(), open.tokenHash(), open.invitedBy(),
                T0, open.expiresAt(), T0, null);
        Invitation revoked = new Invitation(open.id(), open.workspace(), open.email(), open.role(), open.tokenHash(), open.invitedBy(),
                T0, open.expiresAt(), null, T0);

        assertThatThrownBy(() -> invitations().create(accepted)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> invitations().create(revoked)).isInstanceOf(IllegalArgumentException.class);
        assertThat(invitations().list(owner.personalWorkspace())).isEmpty();
    }

    @Test
    void anInvitationIsFoundByItsTokenInAnyState() {
        User owner = newUser();
        Invitation accepted = create(owner, T0);
        Invitation revoked = create(owner, T0);
        Invitation expired = create(owner, T0);
        invitations().accept(accepted.id(), T0.plusSeconds(1));
        invitations().revoke(owner.personalWorkspace(), revoked.id(), T0.plusSeconds(2));

        assertThat(byToken(accepted).acceptedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(byToken(revoked).revokedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(byToken(expired).isOpenAt(T0.plus(VALID))).isFalse();
    }

    @Test
    void theListIsTheWorkspacesOwnNewestFirst() {
        User owner = newUser();
        User other = newUser();
        Invitation oldest = create(owner, T0);
        Invitation newest = create(owner, T0.plusSeconds(2));
        Invitation middle = create(owner, T0.plusSeconds(1));
        Invitation elsewhere = create(other, T0.plusSeconds(3));
        invitations().accept(middle.id(), T0.plusSeconds(4));

        assertThat(invitations().list(owner.personalWorkspace())).extracting(Invitation::id)
                .containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(invitations().list(other.personalWorkspace())).containsExactly(elsewhere);
        assertThat(invitations().list(newWorkspace())).isEmpty();
    }

    @Test
    void anOpenInvitationIsAcceptedOnceAtTheGivenTime() {
        User owner = newUser();
        Invitation invitation = create(owner, T0);

        assertThat(invitations().accept(invitation.id(), T0.plusSeconds(10))).isTrue();
        assertThat(invitations().accept(invitation.id(), T0.plusSeconds(11))).isFalse();

        Invitation stored = byToken(invitation);
        assertThat(stored.acceptedAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(stored.revokedAt()).isNull();
    }

    @Test
    void anExpiredInvitationIsNotAccepted() {
        User owner = newUser();
        Invitation atExpiry = create(owner, T0);
        Invitation afterExpiry = create(owner, T0);

        assertThat(invitations().accept(atExpiry.id(), atExpiry.expiresAt())).as("open only before it expires").isFalse();
        assertThat(invitations().accept(afterExpiry.id(), afterExpiry.expiresAt().plusSeconds(1))).isFalse();
        assertThat(invitations().accept(atExpiry.id(), atExpiry.expiresAt().minusNanos(1000))).as("a moment before").isTrue();

        assertThat(byToken(afterExpiry).acceptedAt()).isNull();
    }

    @Test
    void aRevokedOrUnknownInvitationIsNotAccepted() {
        User owner = newUser();
        Invitation invitation = create(owner, T0);
        invitations().revoke(owner.personalWorkspace(), invitation.id(), T0.plusSeconds(1));

        assertThat(invitations().accept(invitation.id(), T0.plusSeconds(2))).isFalse();
        assertThat(invitations().accept(UUID.randomUUID(), T0.plusSeconds(2))).isFalse();
        assertThat(byToken(invitation).acceptedAt()).isNull();
    }

    @Test
    void ofEightConcurrentAcceptsOfOneInvitationExactlyOneWins() throws InterruptedException {
        User owner = newUser();
        Invitation invitation = create(owner, T0);
        AtomicInteger next = new AtomicInteger(1);

        List<Object> results = AccountFixtures.race(8, () -> invitations().accept(invitation.id(), T0.plusSeconds(next.getAndIncrement())));

        assertThat(results).containsOnly(true, false);
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(byToken(invitation).acceptedAt()).isNotNull();
    }

    @Test
    void ofConcurrentAcceptsAndRevocationsExactlyOneWins() throws InterruptedException {
        User owner = newUser();
        Invitation invitation = create(owner, T0);
        AtomicInteger next = new AtomicInteger();

        List<Object> results = AccountFixtures.race(8, () -> next.getAndIncrement() % 2 == 0
                ? invitations().accept(invitation.id(), T0.plusSeconds(1))
                : invitations().revoke(owner.personalWorkspace(), invitation.id(), T0.plusSeconds(1)));

        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(7);
        Invitation stored = byToken(invitation);
        assertThat(stored.acceptedAt() == null).as("accepted or revoked, not both").isNotEqualTo(stored.revokedAt() == null);
    }

    @Test
    void anOpenInvitationIsRevokedOnceAtTheGivenTime() {
        User owner = newUser();
        Invitation invitation = create(owner, T0);

        assertThat(invitations().revoke(owner.personalWorkspace(), invitation.id(), T0.plusSeconds(5))).isTrue();
        assertThat(invitations().revoke(owner.personalWorkspace(), invitation.id(), T0.plusSeconds(6))).isFalse();

        assertThat(byToken(invitation).revokedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void anAcceptedExpiredOrUnknownInvitationIsNotRevoked() {
        User owner = newUser();
        Invitation accepted = create(owner, T0);
        Invitation expired = create(owner, T0);
        invitations().accept(accepted.id(), T0.plusSeconds(1));

        assertThat(invitations().revoke(owner.personalWorkspace(), accepted.id(), T0.plusSeconds(2))).isFalse();
        assertThat(invitations().revoke(owner.personalWorkspace(), expired.id(), expired.expiresAt())).isFalse();
        assertThat(invitations().revoke(owner.personalWorkspace(), UUID.randomUUID(), T0)).isFalse();

        assertThat(byToken(accepted).revokedAt()).isNull();
        assertThat(byToken(expired).revokedAt()).isNull();
    }

    @Test
    void anotherWorkspaceCannotRevokeAnInvitation() {
        User owner = newUser();
        User stranger = newUser();
        Invitation invitation = create(owner, T0);

        assertThat(invitations().revoke(stranger.personalWorkspace(), invitation.id(), T0.plusSeconds(1))).isFalse();

        assertThat(byToken(invitation).isOpenAt(T0.plusSeconds(1))).isTrue();
        assertThat(invitations().accept(invitation.id(), T0.plusSeconds(2))).as("still open").isTrue();
    }

    @Test
    void acceptingJoinsTheCallersTransaction() {
        User owner = newUser();
        Invitation invitation = create(owner, T0);

        assertThatThrownBy(() -> database.transactions().inTransaction((Runnable) () -> {
            assertThat(invitations().accept(invitation.id(), T0.plusSeconds(1))).isTrue();
            throw new IllegalStateException("the membership could not be added");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(byToken(invitation).acceptedAt()).as("rolled back with the caller").isNull();
        assertThat(invitations().accept(invitation.id(), T0.plusSeconds(2))).isTrue();
    }
}
