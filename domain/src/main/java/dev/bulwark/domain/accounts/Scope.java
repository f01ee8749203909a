package dev.bulwark.domain.accounts;

/**
 * What a principal may do beyond its role. A signed-in person has every scope; an API key only those it was given.
 * The role still bounds them: a viewer's key with TRADE cannot trade.
 */
public enum Scope {
    /** Read what the workspace has. */
    READ,
    /** Place and cancel orders, run bots. */
    TRADE,
    /**
     * Change settings: venue accounts and their credentials, members, API keys, security. Only a signed-in person
     * has it (never an API key), because these changes ask for a second factor.
     */
    MANAGE
}
