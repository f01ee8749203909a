package dev.bulwark.ports.driven.vault;

import dev.bulwark.domain.accounts.WorkspaceId;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a sealed secret belongs to: its owner workspace and its subject ({@code venue-account:<id>},
 * {@code bot:<id>}, {@code totp:<user id>}). Sealing binds the ciphertext to both, so a ciphertext copied to
 * another row or another workspace does not open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record SecretBinding(WorkspaceId owner, String subject) {
    public SecretBinding {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank() || subject.length() > 200) {
            throw new IllegalArgumentException("a secret's subject is 1 to 200 characters");
        }
    }
}
