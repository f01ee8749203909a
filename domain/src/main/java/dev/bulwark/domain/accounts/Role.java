package dev.bulwark.domain.accounts;

/** What a member may do in a workspace. Every member may view; the role adds to that. */
public enum Role {
    /** Trades and manages the workspace: members, roles, venue accounts, API keys. A workspace keeps at least one. */
    OWNER,
    /** Trades: places orders, runs bots. */
    TRADER,
    /** Reads only. */
    VIEWER;

    public boolean canTrade() {
        return this == OWNER || this == TRADER;
    }

    public boolean canManage() {
        return this == OWNER;
    }
}
