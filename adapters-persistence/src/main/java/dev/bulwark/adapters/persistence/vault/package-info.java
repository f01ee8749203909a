/**
 * The secret vault: AES-256-GCM envelope encryption of secrets under a ring of master keys (one current, some
 * retiring), each opening audited. See {@link dev.bulwark.adapters.persistence.vault.EnvelopeVault} for the
 * envelope format.
 */
@NullMarked
package dev.bulwark.adapters.persistence.vault;

import org.jspecify.annotations.NullMarked;
