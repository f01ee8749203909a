package dev.bulwark.domain.accounts;
import java.util.Objects;
import java.util.UUID;

/** An API key, by id: shown in lists and audit entries. Never the key itself. */
public record ApiKeyId(UUID value) {
    public ApiKeyId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
