package dev.bulwark.domain.accounts;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person who signs in. The email is the login name, kept normalized (trimmed, lower case) so that one address
 * is one account whatever its spelling; every user owns a personal workspace from registration on.
 */
public record User(UserId id, String email, PasswordHash passwordHash, WorkspaceId personalWorkspace, Instant createdAt,
                   Instant updatedAt) {
    /** RFC 5321's limit on a forward path, the longest address a mail server will take. */
    public static final int MAX_EMAIL_LENGTH = 254;

    // only the basic shape: one '@', a local part of at most 64, a domain of dot-separated non-empty labels.
    // Whether the address exists is for a confirmation mail to prove, not for a pattern.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    public User {
        Objects.requireNonNull(id, "id");
        email = normalizeEmail(email);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(personalWorkspace, "personalWorkspace");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a user is updated at or after its creation");
        }
    }

    /**
     * The form an email is stored and compared in: trimmed and lower case. Refuses anything that is not the
     * basic shape of an address or is longer than {@value #MAX_EMAIL_LENGTH} characters.
     */
    public static String normalizeEmail(String email) {
        Objects.requireNonNull(email, "email");
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(normalized).matches()) {
            throw new IllegalArgumentException("an email address is local@domain.tld, at most " + MAX_EMAIL_LENGTH + " characters");
        }
        return normalized;
    }

    public User withPasswordHash(PasswordHash newHash, Instant at) {
        return new User(id, email, newHash, personalWorkspace, createdAt, at);
    }
}
