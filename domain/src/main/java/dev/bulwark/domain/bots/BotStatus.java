package dev.bulwark.domain.bots;

/** Whether a bot acts on its signals. Every signal is recorded whatever the status; only an active bot trades. */
public enum BotStatus {
    /** Signals are processed into orders. */
    ACTIVE,
    /** Signals are recorded and ignored until the bot is resumed. */
    PAUSED,
    /** Retired: signals are recorded and ignored; kept for its history instead of being deleted. */
    STOPPED
}
