package dev.bulwark.adapters.exchange.support;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.util.function.Supplier;

/**
 * For a venue that reads its answers with another venue's mappers (a futures venue with its spot sibling's, where the
 * wire shapes are the same): a complaint about a malformed answer is told as the venue that was asked.
 */
public final class VenueAnswers {
    private VenueAnswers() {
    }

    /**
     * Runs {@code read}; a {@link VenueUnavailable} it throws for another venue is thrown again for {@code venue}, with
     * the same reason and no cause (the cause would carry the other venue's name), and an
     * {@link IllegalArgumentException} from a domain constructor becomes one too.
     */
    public static <T> T readAs(VenueId venue, Supplier<T> read) {
        try {
            return read.get();
        } catch (VenueUnavailable e) {
            if (e.venue().equals(venue)) {
                throw e;
            }
            String message = String.valueOf(e.getMessage());
            String prefix = e.venue() + ": ";
            throw new VenueUnavailable(venue, message.startsWith(prefix) ? message.substring(prefix.length()) : message, null);
        } catch (IllegalArgumentException e) {
            throw new VenueUnavailable(venue, "answered with a value outside what it documents", null);
        }
    }
}
