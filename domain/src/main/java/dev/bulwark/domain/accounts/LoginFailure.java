package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Objects;

/** One failed sign-in counted against a subject; lockout counts these within a window. */
public record LoginFailure(LoginSubject subject, Instant at) {
    public LoginFailure {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
    }
}
