package dev.bulwark.application.accounts;

import java.time.Duration;

/** The numbers of the accounts policy, in one place, as {@link dev.bulwark.ports.driving.accounts.ManageAccounts} documents them. */
final class AccountPolicy {
    static final int MIN_PASSWORD_LENGTH = 12;
    static final int MAX_PASSWORD_LENGTH = 256;

    static final Duration SESSION_LIFETIME = Duration.ofHours(24);
    static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    /**
     * How stale a session's or key's last-seen time may be before a request writes it again: a write per request
     * would cost a commit on every read, while the idle timeout is 30 minutes, so one write a minute is exact enough
     * (a session may end up to a minute before 30 idle minutes, never after).
     */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    static final int MAX_SESSIONS = 3;

    /** Failures that lock a subject, and the window they are counted in (which is also how long a lock lasts). */
    static final int MAX_FAILURES = 5;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);

    static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    static final Duration SETUP_TOKEN_LIFETIME = Duration.ofHours(24);

    /** Random bytes behind every bearer secret: 256 bits, beyond guessing. */
    static final int TOKEN_BYTES = 32;
    /** RFC 4226 recommends 160 bits for an HOTP/TOTP key. */
    static final int TOTP_SEED_BYTES = 20;
    static final int BACKUP_CODES = 10;

    static final String SESSION_PREFIX = "bws_";
    static final String API_KEY_PREFIX = "bwk_";

    private AccountPolicy() {
    }
}
