package dev.bulwark.domain.alerts;

/** Whether an alert is being checked. A triggered alert stays quiet until its owner re-arms it (ACTIVE again). */
public enum AlertStatus {
    /** Checked on every round; triggers once when its condition is met. */
    ACTIVE,
    /** Its condition was met and its owner notified; not checked until re-armed. */
    TRIGGERED,
    /** Switched off by its owner. */
    DISABLED
}
