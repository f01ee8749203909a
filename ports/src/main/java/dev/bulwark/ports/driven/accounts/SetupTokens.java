package dev.bulwark.ports.driven.accounts;

import java.time.Instant;
import org.apiguardian.api.API;

/**
 * One-time tokens that let the first person register on an instance that has no user yet (printed as a setup link
 * at start). Kept as hex SHA-256 only, in the database, so any process behind a load balancer accepts the link any
 * other printed. Thread-safe; joins the caller's transaction.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface SetupTokens {
    /** Stores a token hash valid until {@code expiresAt}. */
    void create(String tokenHash, Instant createdAt, Instant expiresAt);

    /** Spends the token once: true exactly once for a known, unexpired token; every token is spent with it. */
    boolean consume(String tokenHash, Instant at);
}
