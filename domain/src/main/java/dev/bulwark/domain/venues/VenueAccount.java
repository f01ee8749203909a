package dev.bulwark.domain.venues;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's connection to one account on a venue: which venue, how it is called here, paper or live, what its
 * API key may do, the key itself (sealed by the vault) and how the last synchronisation went.
 *
 * <p>The constructor holds the rules that keep keys safe and accounts unambiguous:
 * <ul>
 *   <li>{@code label} is 1 to 100 characters, not blank, without surrounding spaces or control characters.</li>
 *   <li>{@code baseUrl}, when set (a testnet, a regional endpoint), is an {@code https} URL without user info,
 *       query or fragment: a key is never sent in clear, and a URL cannot smuggle credentials.</li>
 *   <li>{@code permissions} names at least one permission.</li>
 *   <li>{@code apiKeyHint} is a masked key ({@code abcd…wxyz}: at most 4 characters each side of a mask of
 *       {@code …}, {@code ...} or {@code *}), so a full key can never be stored as its hint; there is a hint only
 *       with credentials.</li>
 *   <li>The paper venue needs no key: it has no credentials and no hint, and is always PAPER.</li>
 *   <li>{@code updatedAt} is not before {@code createdAt}.</li>
 * </ul>
 */
public record VenueAccount(
        VenueAccountId id,
        WorkspaceId workspace,
        VenueId venue,
        String label,
        Environment environment,
        @Nullable String baseUrl,
        Set<Permission> permissions,
        boolean active,
        @Nullable String apiKeyHint,
        @Nullable SealedSecret credentials,
        SyncState sync,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_LABEL_LENGTH = 100;
    public static final int MAX_BASE_URL_LENGTH = 200;

    private static final Pattern HTTPS_URL =
            Pattern.compile("https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?");
    private static final Pattern KEY_HINT =
            Pattern.compile("[\\x21-\\x7E]{0,4}(\u2026|\\.\\.\\.|\\*{1,8})[\\x21-\\x7E]{0,4}");

    public VenueAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(venue, "venue");
        requireLabel(label);
        Objects.requireNonNull(environment, "environment");
        if (baseUrl != null && (baseUrl.length() > MAX_BASE_URL_LENGTH || !HTTPS_URL.matcher(baseUrl).matches())) {
            throw new IllegalArgumentException("a base URL is an https URL of at most " + MAX_BASE_URL_LENGTH
                    + " characters, without user info, query or fragment");
        }
        Objects.requireNonNull(permissions, "permissions");
        if (permissions.isEmpty()) {
            throw new IllegalArgumentException("a venue account has at least one permission");
        }
        permissions = Set.copyOf(EnumSet.copyOf(permissions));
        if (apiKeyHint != null) {
            // the hint is never echoed back: it might be the very key the rule is there to keep out
            if (!KEY_HINT.matcher(apiKeyHint).matches()) {
                throw new IllegalArgumentException("an API key hint is masked: at most 4 characters each side of '\u2026'");
            }
            if (credentials == null) {
                throw new IllegalArgumentException("an API key hint goes with credentials");
            }
        }
        if (venue.equals(VenueId.PAPER)) {
            if (credentials != null || apiKeyHint != null) {
                throw new IllegalArgumentException("a paper account has no API key");
            }
            if (environment != Environment.PAPER) {
                throw new IllegalArgumentException("a paper account is PAPER, was " + environment);
            }
        }
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
    }

    /** A new paper account: active, reading and trading, never synchronised. */
    public static VenueAccount paper(VenueAccountId id, WorkspaceId workspace, String label, Instant createdAt) {
        return new VenueAccount(id, workspace, VenueId.PAPER, label, Environment.PAPER, null,
                Set.of(Permission.READ, Permission.TRADE), true, null, null, SyncState.never(), createdAt, createdAt);
    }

    /**
     * The hint shown for an API key: its first and last 4 characters around {@code …}, or only {@code …} and
     * the last 4 when the key is shorter than 16 characters (so at most half of a short key shows).
     */
    public static String hintOf(String apiKey) {
        Objects.requireNonNull(apiKey, "apiKey");
        String key = apiKey.strip();
        if (key.isEmpty() || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw new IllegalArgumentException("an API key is printable ASCII without spaces");
        }
        if (key.length() < 8) {
            return "\u2026";
        }
        String last = key.substring(key.length() - 4);
        return key.length() < 16 ? "\u2026" + last : key.substring(0, 4) + "\u2026" + last;
    }

    /** Whether the key may place and cancel orders. */
    public boolean canTrade() {
        return permissions.contains(Permission.TRADE);
    }

    /** Whether the key may move funds off the venue: such a key is to be refused. */
    public boolean canWithdraw() {
        return permissions.contains(Permission.WITHDRAW);
    }

    public boolean isPaper() {
        return venue.equals(VenueId.PAPER);
    }

    private static void requireLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH || !label.strip().equals(label)
                || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a label is 1 to " + MAX_LABEL_LENGTH
                    + " characters, not blank, without surrounding spaces or control characters, was '" + label + "'");
        }
    }
}
