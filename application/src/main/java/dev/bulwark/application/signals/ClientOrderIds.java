package dev.bulwark.application.signals;

import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.signals.SignalId;
import java.util.Optional;
import java.util.UUID;

/**
 * The client order ids of a signal's intents, derived from the signal id alone so every attempt, every process and
 * every replay sends the same id for the same intent: {@code bw} and the signal UUID in base32 (RFC 4648 alphabet,
 * no padding: 26 characters) for the entry (or the close), plus a suffix for each protective leg. 28 to 32
 * characters of {@code [A-Za-z0-9-]}, inside {@link ClientOrderId}'s 36, which are Binance's limits, the strictest.
 *
 * <p>Protective legs the venue holds natively ({@code -sl}, {@code -tp}) and legs Bulwark watches ({@code -wsl},
 * {@code -wtp}) have different ids, so a watched leg is recognised by its id and never confused with a resting one.
 */
final class ClientOrderIds {
    static final String PREFIX = "bw";
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int BASE_LENGTH = PREFIX.length() + 26;

    enum Leg {
        NATIVE_STOP("-sl"), NATIVE_TAKE_PROFIT("-tp"), WATCHED_STOP("-wsl"), WATCHED_TAKE_PROFIT("-wtp");

        final String suffix;

        Leg(String suffix) {
            this.suffix = suffix;
        }

        boolean watched() {
            return this == WATCHED_STOP || this == WATCHED_TAKE_PROFIT;
        }

        boolean stop() {
            return this == NATIVE_STOP || this == WATCHED_STOP;
        }
    }

    private ClientOrderIds() {
    }

    /** The id of the signal's one order: its entry, or its close. */
    static ClientOrderId entry(SignalId signal) {
        return new ClientOrderId(PREFIX + base32(signal.value()));
    }

    static ClientOrderId leg(SignalId signal, Leg leg) {
        return new ClientOrderId(entry(signal).value() + leg.suffix);
    }

    /** The leg an id names, when it is one of ours. */
    static Optional<Leg> legOf(ClientOrderId id) {
        String value = id.value();
        if (!value.startsWith(PREFIX) || value.length() <= BASE_LENGTH) {
            return Optional.empty();
        }
        String suffix = value.substring(BASE_LENGTH);
        for (Leg leg : Leg.values()) {
            if (leg.suffix.equals(suffix)) {
                return Optional.of(leg);
            }
        }
        return Optional.empty();
    }

    /** The other leg of a native pair (a stop's take-profit, a take-profit's stop); empty for any other id. */
    static Optional<ClientOrderId> partnerOf(ClientOrderId id) {
        return legOf(id).filter(leg -> !leg.watched()).map(leg -> new ClientOrderId(pairKey(id)
                + (leg == Leg.NATIVE_STOP ? Leg.NATIVE_TAKE_PROFIT : Leg.NATIVE_STOP).suffix));
    }

    /** The entry id a leg belongs to: the key that pairs a stop with its take-profit. */
    static String pairKey(ClientOrderId leg) {
        return leg.value().substring(0, Math.min(BASE_LENGTH, leg.value().length()));
    }

    /** The signal an id of ours was derived from (an entry's or a leg's); empty for any other id. */
    static Optional<SignalId> signalOf(ClientOrderId id) {
        String value = id.value();
        if (!value.startsWith(PREFIX) || value.length() < BASE_LENGTH) {
            return Optional.empty();
        }
        String text = value.substring(PREFIX.length(), BASE_LENGTH);
        long hi = 0;
        long lo = 0;
        int bit = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = new String(ALPHABET).indexOf(text.charAt(i));
            if (digit < 0) {
                return Optional.empty();
            }
            for (int b = 4; b >= 0; b--, bit++) {
                long one = (digit >>> b) & 1L;
                if (bit < 64) {
                    hi |= one << (63 - bit);
                } else if (bit < 128) {
                    lo |= one << (127 - bit);
                } else if (one != 0) {
                    return Optional.empty(); // the padding bits of a real id are zero
                }
            }
        }
        UUID uuid = new UUID(hi, lo);
        return base32(uuid).equals(text) ? Optional.of(new SignalId(uuid)) : Optional.empty();
    }

    static String base32(UUID uuid) {
        byte[] bytes = new byte[16];
        long hi = uuid.getMostSignificantBits();
        long lo = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (hi >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        StringBuilder out = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
