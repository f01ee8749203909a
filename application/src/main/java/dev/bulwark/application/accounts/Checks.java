package dev.bulwark.application.accounts;

import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.Invalid;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The checks every accounts use case starts with. The host validates commands before they arrive; these are the
 * second line, so a caller that skipped validation gets field errors rather than a NullPointerException.
 */
final class Checks {
    static final String PERSON_ONLY = "this needs a person signed in, not an API key";
    static final String OWNER_ONLY = "only an owner of the workspace, signed in, can do this";

    private final List<Invalid.FieldError> errors = new ArrayList<>();

    static Checks fields() {
        return new Checks();
    }

    /** Records {@code message} for {@code field} unless {@code ok}; returns {@code ok}, so a check can guard the next. */
    boolean check(boolean ok, String field, String message) {
        if (!ok) {
            errors.add(new Invalid.FieldError(field, message));
        }
        return ok;
    }

    boolean required(@Nullable Object value, String field) {
        boolean present = value != null && !(value instanceof String s && s.isBlank());
        return check(present, field, "is required");
    }

    /** Throws {@link Invalid} with every recorded error, if any. */
    void orThrow() {
        if (!errors.isEmpty()) {
            throw new Invalid("the request has invalid fields", errors);
        }
    }

    static <T> T command(@Nullable T command) {
        if (command == null) {
            throw new Invalid("the request is missing", List.of());
        }
        return command;
    }

    static Principal principal(@Nullable Principal principal) {
        if (principal == null) {
            // a host bug rather than the user's: but refuse, never act for nobody
            throw new Forbidden("no principal");
        }
        return principal;
    }

    static Principal person(@Nullable Principal principal) {
        Principal p = principal(principal);
        if (p.session() == null) {
            throw new Forbidden(PERSON_ONLY);
        }
        return p;
    }

    static Principal manager(@Nullable Principal principal) {
        Principal p = principal(principal);
        if (p.apiKey() != null) {
            throw new Forbidden(PERSON_ONLY);
        }
        if (!p.canManage()) {
            throw new Forbidden(OWNER_ONLY);
        }
        return p;
    }

    static Principal reader(@Nullable Principal principal) {
        Principal p = principal(principal);
        if (!p.canRead()) {
            throw new Forbidden("this needs the READ scope");
        }
        return p;
    }
}
