package dev.bulwark.domain.accounts;

import java.util.Locale;
import java.util.Objects;

/**
 * What failed sign-ins are counted against: an account ({@code account:<email>}) or a source address
 * ({@code address:<ip>}). Both are counted, so neither guessing many passwords for one account nor one password
 * across many accounts goes unnoticed.
 */
public record LoginSubject(String value) {
    public static final int MAX_LENGTH = 300;
    private static final String ACCOUNT = "account:";
    private static final String ADDRESS = "address:";

    public LoginSubject {
        Objects.requireNonNull(value, "value");
        boolean prefixed = (value.startsWith(ACCOUNT) && value.length() > ACCOUNT.length())
                || (value.startsWith(ADDRESS) && value.length() > ADDRESS.length());
        if (!prefixed || value.length() > MAX_LENGTH || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("a login subject is account:<email> or address:<ip>, without spaces, at most "
                    + MAX_LENGTH + " characters");
        }
    }

    /**
     * The account named by what was typed, trimmed and lower case like a stored email, but not otherwise
     * validated: attempts on addresses that are not even well formed are counted too.
     */
    public static LoginSubject account(String email) {
        return new LoginSubject(ACCOUNT + Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT));
    }

    /** A source address, lower case: an IPv6 address written in upper- or lower-case hex counts as one. */
    public static LoginSubject address(String ip) {
        return new LoginSubject(ADDRESS + Objects.requireNonNull(ip, "ip").strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
