package dev.bulwark.domain.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleAndMembershipTest {
    @Test
    void ownersTradeAndManageTradersTradeViewersDoNeither() {
        assertThat(Role.OWNER.canTrade()).isTrue();
        assertThat(Role.OWNER.canManage()).isTrue();
        assertThat(Role.TRADER.canTrade()).isTrue();
        assertThat(Role.TRADER.canManage()).isFalse();
        assertThat(Role.VIEWER.canTrade()).isFalse();
        assertThat(Role.VIEWER.canManage()).isFalse();
    }

    @Test
    void aMembershipRefusesNulls() {
        var ws = UserTest.WS;
        var user = UserTest.ID;
        var t0 = UserTest.T0;
        assertThat(new Membership(ws, user, Role.VIEWER, t0).role()).isEqualTo(Role.VIEWER);
        assertThatThrownBy(() -> new Membership(null, user, Role.VIEWER, t0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Membership(ws, null, Role.VIEWER, t0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Membership(ws, user, null, t0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Membership(ws, user, Role.VIEWER, null)).isInstanceOf(NullPointerException.class);
    }
}
