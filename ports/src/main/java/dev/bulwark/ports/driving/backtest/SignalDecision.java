package dev.bulwark.ports.driving.backtest;

import dev.bulwark.domain.backtest.SignalAction;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.paper.RejectReason;
import dev.bulwark.domain.risk.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What became of one signal: the record a live bot keeps of each decision, so a backtest shows not only the trades
 * but every signal that did not become one, and why.
 *
 * @param at the signal's time (a strategy's: the close of the candle that decided it; a CSV line's: its own)
 * @param actedAt the close of the candle it was acted on at; null when it was never acted on (outside the candles)
 * @param csvLine the line of the CSV it came from (the header is line 1); null for a built-in strategy's signal
 * @param action what the signal asked for
 * @param quantity the quantity the signal named, in base units; null when it left it to the sizing or the holding
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record SignalDecision(Instant at, @Nullable Instant actedAt, @Nullable Integer csvLine, SignalAction action,
        @Nullable BigDecimal quantity, Outcome outcome) {

    public SignalDecision {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The outcome, one of five. */
    public sealed interface Outcome {
    }

    /**
     * A market order was placed. {@code order} is as its arrival left it (FILLED, or EXPIRED with what the volume
     * cap let fill). {@code protection} holds the stop-loss and take-profit orders placed after an entry filled (an
     * OCO pair when both), as accepted; {@code protectionNote} says why protection was wanted but not placed.
     */
    public record Placed(Order order, List<Order> protection, @Nullable String protectionNote) implements Outcome {
        public Placed {
            Objects.requireNonNull(order, "order");
            protection = List.copyOf(protection);
        }
    }

    /** No order: the sizing or the venue's rules left no quantity ({@code reason} gives the numbers). */
    public record SizedOut(String reason) implements Outcome {
        public SizedOut {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The risk engine refused the order; every rule broken, with its limit and actual value. */
    public record RiskRejected(List<Violation> violations) implements Outcome {
        public RiskRejected {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a risk rejection names at least one violation");
            }
        }
    }

    /** The simulated venue refused the order, as the real one would. */
    public record VenueRejected(RejectReason reason, String detail) implements Outcome {
        public VenueRejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Nothing to do: a sell with nothing held (no shorting on spot), or a signal outside the candles. */
    public record Ignored(String reason) implements Outcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
