package dev.bulwark.domain.positions;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One account's position in one instrument, changed only by fills.
 *
 * <p>{@code quantity} is signed: positive long, negative short, zero flat. {@code costBasis} is what the open
 * quantity cost in the quote asset, a non-negative magnitude (zero when flat). The cost basis is tracked rather
 * than a rounded average price: reducing by {@code q} of {@code Q} removes {@code costBasis × q / Q} (rounded at
 * {@link Decimals#DIVISION_SCALE}) and closing removes whatever basis is left, so every rounding is absorbed by
 * the close and a round trip that ends flat realizes exactly its proceeds minus its costs.
 *
 * <p>{@code realizedPnl} is in the quote asset and gross of fees: fees are charged in any asset and are reported by
 * the fills, so netting them belongs to whoever values them (portfolio, tax), not here.
 *
 * <p>{@code leverage} is at least 1, and exactly 1 unless the instrument's market allows leverage; a short exists
 * only on a market that allows shorting. It does not enter P&amp;L, which is on the full notional.
 */
public record Position(
        VenueAccountId account,
        Instrument instrument,
        BigDecimal quantity,
        Money costBasis,
        Money realizedPnl,
        BigDecimal leverage) {

    public Position {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(instrument, "instrument");
        quantity = Decimals.normalize(Objects.requireNonNull(quantity, "quantity"));
        requireQuote(costBasis, "costBasis", instrument);
        requireQuote(realizedPnl, "realizedPnl", instrument);
        if (costBasis.isNegative()) {
            throw new IllegalArgumentException("costBasis is a magnitude, was " + costBasis);
        }
        // A non-flat position may have a zero basis: a reduction can round the rest of a tiny basis away at the
        // 18th decimal, and the next close then realizes it exactly.
        if (quantity.signum() == 0 && !costBasis.isZero()) {
            throw new IllegalArgumentException("a flat position has no cost basis, was " + costBasis);
        }
        if (quantity.signum() < 0 && !instrument.market().allowsShort()) {
            throw new IllegalArgumentException("no short positions on " + instrument.market() + ", was "
                    + quantity.toPlainString() + " " + instrument);
        }
        leverage = Decimals.normalize(Objects.requireNonNull(leverage, "leverage"));
        if (leverage.compareTo(BigDecimal.ONE) < 0) {
            throw new IllegalArgumentException("leverage is at least 1, was " + leverage.toPlainString());
        }
        if (leverage.compareTo(BigDecimal.ONE) != 0 && !instrument.market().allowsLeverage()) {
            throw new IllegalArgumentException("no leverage on " + instrument.market() + ", was " + leverage.toPlainString());
        }
    }

    /** A flat position without leverage. */
    public static Position flat(VenueAccountId account, Instrument instrument) {
        return flat(account, instrument, BigDecimal.ONE);
    }

    public static Position flat(VenueAccountId account, Instrument instrument, BigDecimal leverage) {
        Money zero = Money.zero(instrument.quote());
        return new Position(account, instrument, BigDecimal.ZERO, zero, zero, leverage);
    }

    public PositionSide side() {
        return switch (quantity.signum()) {
            case 1 -> PositionSide.LONG;
            case -1 -> PositionSide.SHORT;
            default -> PositionSide.FLAT;
        };
    }

    public boolean isFlat() {
        return quantity.signum() == 0;
    }

    /** {@code costBasis / |quantity|} at {@link Decimals#DIVISION_SCALE}; empty when flat. For display and risk, not P&amp;L. */
    public Optional<BigDecimal> averageEntryPrice() {
        return isFlat() ? Optional.empty() : Optional.of(Decimals.divide(costBasis.amount(), quantity.abs()));
    }

    /** What closing at {@code markPrice} would realize: long {@code qty × mark − basis}, short {@code basis − |qty| × mark}. */
    public Money unrealizedPnl(BigDecimal markPrice) {
        BigDecimal mark = Decimals.requirePositive(markPrice, "markPrice");
        BigDecimal value = quantity.abs().multiply(mark);
        return switch (side()) {
            case LONG -> new Money(value.subtract(costBasis.amount()), instrument.quote());
            case SHORT -> new Money(costBasis.amount().subtract(value), instrument.quote());
            case FLAT -> Money.zero(instrument.quote());
        };
    }

    /** This position with another leverage, as the account sets it. */
    public Position withLeverage(BigDecimal newLeverage) {
        return new Position(account, instrument, quantity, costBasis, realizedPnl, newLeverage);
    }

    /**
     * This position after {@code fill}. A fill against the side held realizes P&amp;L on the part it closes; one
     * larger than the position flips it: the whole old side is closed (and realized) and the rest opens at the
     * fill's price.
     *
     * @throws IllegalArgumentException when the fill is for another instrument, or would take the position short
     *     on a market without shorting (a spot sell of more than is held): the application checks earlier, the
     *     domain still refuses
     */
    public PositionChange apply(Fill fill) {
        Objects.requireNonNull(fill, "fill");
        if (!fill.instrument().equals(instrument)) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " is for " + fill.instrument() + ", position is " + instrument);
        }
        BigDecimal q = fill.quantity();
        BigDecimal p = fill.price();
        int direction = fill.side().sign();
        BigDecimal after = quantity.add(direction == 1 ? q : q.negate());
        if (after.signum() < 0 && !instrument.market().allowsShort()) {
            throw new IllegalArgumentException("a " + fill.side() + " of " + q.toPlainString() + " would take the "
                    + instrument + " position of " + quantity.toPlainString() + " below zero; "
                    + instrument.market() + " does not allow shorts");
        }
        BigDecimal basis = costBasis.amount();
        BigDecimal zero = BigDecimal.ZERO;

        if (quantity.signum() == 0) {
            return change(after, p.multiply(q), zero, PositionChange.Effect.OPENED);
        }
        if (quantity.signum() == direction) {
            return change(after, basis.add(p.multiply(q)), zero, PositionChange.Effect.INCREASED);
        }
        BigDecimal open = quantity.abs();
        int vsOpen = q.compareTo(open);
        if (vsOpen < 0) {
            // min: a basis finer than DIVISION_SCALE could otherwise round the removed part above what is there.
            BigDecimal removed = Decimals.divide(basis.multiply(q), open).min(basis);
            BigDecimal realized = realized(p.multiply(q), removed);
            return change(after, basis.subtract(removed), realized, PositionChange.Effect.REDUCED);
        }
        BigDecimal realized = realized(p.multiply(open), basis);
        if (vsOpen == 0) {
            return change(after, zero, realized, PositionChange.Effect.CLOSED);
        }
        return change(after, p.multiply(after.abs()), realized, PositionChange.Effect.FLIPPED);
    }

    /** P&amp;L of closing part of the current side: exit proceeds against the basis removed, signed by the side. */
    private BigDecimal realized(BigDecimal exitNotional, BigDecimal removedBasis) {
        return quantity.signum() > 0 ? exitNotional.subtract(removedBasis) : removedBasis.subtract(exitNotional);
    }

    private PositionChange change(BigDecimal newQuantity, BigDecimal newBasis, BigDecimal realized, PositionChange.Effect effect) {
        Money realizedMoney = new Money(realized, instrument.quote());
        Position next = new Position(account, instrument, newQuantity, new Money(newBasis, instrument.quote()),
                realizedPnl.plus(realizedMoney), leverage);
        return new PositionChange(next, effect, realizedMoney);
    }

    private static void requireQuote(Money money, String name, Instrument instrument) {
        Objects.requireNonNull(money, name);
        if (!money.asset().equals(instrument.quote())) {
            throw new IllegalArgumentException(name + " is in the quote asset " + instrument.quote() + ", was " + money);
        }
    }
}
