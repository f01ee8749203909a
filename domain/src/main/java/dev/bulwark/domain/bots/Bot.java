package dev.bulwark.domain.bots;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.secrets.SealedSecret;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A bot: it turns webhook signals into orders on one venue account, sized by {@link #sizing} and limited by
 * {@link #risk}. Its webhook secret is sealed by the vault; after a rotation the previous secret stays valid until
 * {@link #previousSecretValidUntil}, so senders can be switched over without losing signals.
 *
 * <p>{@link #configVersion} counts configuration changes (name, description, asset type, account, mode, sizing,
 * risk) and is bumped by the store on each one, so a decision receipt can name the configuration it used and an
 * edit made on a stale copy is refused. Status changes and secret rotations are not configuration.
 */
public record Bot(
        BotId id,
        WorkspaceId workspace,
        String name,
        String description,
        AssetType assetType,
        VenueAccountId account,
        Environment mode,
        PositionSizing sizing,
        BotRisk risk,
        BotStatus status,
        SealedSecret webhookSecret,
        @Nullable SealedSecret previousSecret,
        @Nullable Instant previousSecretValidUntil,
        int configVersion,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 1_000;
    /** How long the previous webhook secret keeps working after a rotation. */
    public static final Duration PREVIOUS_SECRET_GRACE = Duration.ofMinutes(10);

    public Bot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a bot name is 1 to " + MAX_NAME + " characters");
        }
        Objects.requireNonNull(description, "description");
        description = description.strip();
        if (description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("a bot description is at most " + MAX_DESCRIPTION + " characters");
        }
        Objects.requireNonNull(assetType, "assetType");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sizing, "sizing");
        Objects.requireNonNull(risk, "risk");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        if ((previousSecret == null) != (previousSecretValidUntil == null)) {
            throw new IllegalArgumentException("a previous webhook secret comes with the time it stops working, and only with one");
        }
        if (configVersion < 1) {
            throw new IllegalArgumentException("a configuration version starts at 1, was " + configVersion);
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a bot cannot be updated before it was created");
        }
    }

    /**
     * Whether the previous secret is still accepted at {@code at}. The webhook checks the current secret first and
     * this one only while it is valid.
     */
    public boolean acceptsPreviousSecretAt(Instant at) {
        return previousSecret != null && previousSecretValidUntil != null && at.isBefore(previousSecretValidUntil);
    }

    public boolean isActive() {
        return status == BotStatus.ACTIVE;
    }
}
