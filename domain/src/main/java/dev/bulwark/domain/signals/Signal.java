package dev.bulwark.domain.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.BotId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One webhook a bot received, kept as it came so any decision can be traced back to it.
 *
 * <p>The parsed fields are the strings the door found in the body, unparsed and unvalidated (interpreting them is
 * the application's job); a field the body did not carry is null. The raw body never holds the webhook secret: a
 * body that carries it has it stripped by the door before the signal is made.
 *
 * @param idempotencyKey what makes a repeat recognisable: derived from the sender's order id when there is one,
 *                       else from the body (the caller chooses, and prefixes the two so they never collide)
 * @param reason         why it is in its status (a rejection's rule, a failure's error), written for the user
 * @param updatedAt      when its status last changed; null while it has never changed
 */
public record Signal(
        SignalId id,
        WorkspaceId workspace,
        BotId bot,
        Instant receivedAt,
        SignalStatus status,
        @Nullable String reason,
        String idempotencyKey,
        String rawBody,
        @Nullable String contentType,
        @Nullable String action,
        @Nullable String symbol,
        @Nullable String quantity,
        @Nullable String price,
        @Nullable String stopLoss,
        @Nullable String takeProfit,
        @Nullable String externalOrderId,
        @Nullable Instant updatedAt) {

    /** The largest body kept, in UTF-8 bytes: what a TradingView alert can send, with room to spare. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final int MAX_IDEMPOTENCY_KEY = 200;
    /** The longest parsed field or content type; a longer one is not a field worth keeping as such. */
    public static final int MAX_FIELD = 200;
    /** Reasons longer than this are cut: a reason explains, it does not carry stack traces. */
    public static final int MAX_REASON = 1_000;

    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(status, "status");
        reason = cut(reason);
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY) {
            throw new IllegalArgumentException("an idempotency key is 1 to " + MAX_IDEMPOTENCY_KEY + " characters");
        }
        Objects.requireNonNull(rawBody, "rawBody");
        // characters first: a body with more characters than bytes allowed is too long without encoding it
        if (rawBody.length() > MAX_BODY_BYTES || utf8Length(rawBody) > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a signal body is at most " + MAX_BODY_BYTES + " bytes");
        }
        requireField(contentType, "contentType");
        requireField(action, "action");
        requireField(symbol, "symbol");
        requireField(quantity, "quantity");
        requireField(price, "price");
        requireField(stopLoss, "stopLoss");
        requireField(takeProfit, "takeProfit");
        requireField(externalOrderId, "externalOrderId");
    }

    /** This signal in {@code next}, for {@code reason}, changed at {@code at}; refused when the move is not allowed. */
    public Signal moveTo(SignalStatus next, @Nullable String why, Instant at) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(at, "at");
        if (!status.canMoveTo(next)) {
            throw new IllegalArgumentException("a " + status + " signal cannot become " + next);
        }
        return new Signal(id, workspace, bot, receivedAt, next, why, idempotencyKey, rawBody, contentType, action, symbol,
                quantity, price, stopLoss, takeProfit, externalOrderId, at);
    }

    private static void requireField(@Nullable String value, String name) {
        if (value != null && value.length() > MAX_FIELD) {
            throw new IllegalArgumentException(name + " is at most " + MAX_FIELD + " characters");
        }
    }

    /** The length of {@code text} in UTF-8, counted here: the domain does no I/O, charsets included. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isSurrogate(c)) {
                bytes += 2; // a pair is four bytes; a lone surrogate is counted as if it were half of one
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** A reason as a signal keeps it: at most {@link #MAX_REASON} characters, never a split surrogate pair. */
    public static @Nullable String cut(@Nullable String reason) {
        if (reason == null || reason.length() <= MAX_REASON) {
            return reason;
        }
        // never split a surrogate pair: the cut text must still encode
        int end = Character.isHighSurrogate(reason.charAt(MAX_REASON - 1)) ? MAX_REASON - 1 : MAX_REASON;
        return reason.substring(0, end);
    }
}
