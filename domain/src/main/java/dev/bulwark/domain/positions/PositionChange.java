package dev.bulwark.domain.positions;

import dev.bulwark.domain.money.Money;
import java.util.Objects;

/**
 * What one fill did to a position: the position after it, the kind of change, and the P&amp;L the fill realized
 * (zero when it only opened or added; gross of fees, which the fill reports).
 */
public record PositionChange(Position position, Effect effect, Money realizedPnl) {

    public PositionChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        if (!realizedPnl.asset().equals(position.instrument().quote())) {
            throw new IllegalArgumentException("realized P&L is in the quote asset "
                    + position.instrument().quote() + ", was " + realizedPnl);
        }
        if ((effect == Effect.OPENED || effect == Effect.INCREASED) && !realizedPnl.isZero()) {
            throw new IllegalArgumentException(effect + " realizes nothing, was " + realizedPnl);
        }
        if ((effect == Effect.CLOSED) != position.isFlat()) {
            throw new IllegalArgumentException("only " + Effect.CLOSED + " leaves a position flat, was " + effect
                    + " with " + position.quantity().toPlainString());
        }
    }

    /** The kind of change a fill made. */
    public enum Effect {
        /** From flat to long or short. */
        OPENED,
        /** Added to the side already held. */
        INCREASED,
        /** Took part of the position off; still open on the same side. */
        REDUCED,
        /** Took all of it off; now flat. */
        CLOSED,
        /** Closed the side held and opened the other with the rest of the fill. */
        FLIPPED
    }
}
