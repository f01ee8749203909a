package dev.bulwark.domain.positions;

import static dev.bulwark.domain.orders.OrderBuilder.ACCOUNT;
import static dev.bulwark.domain.orders.OrderBuilder.BTC_USDT;
import static dev.bulwark.domain.orders.OrderBuilder.BTC_USDT_PERP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.FillBuilder;
import dev.bulwark.domain.market.OrderSide;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PositionPropertiesTest {
    private static final int EXAMPLES = 3_000;

    /** A fill before it is bound to an instrument. */
    record Trade(OrderSide side, BigDecimal quantity, BigDecimal price) {
        Fill on(Instrument instrument) {
            return FillBuilder.aFill().instrument(instrument).side(side).quantity(quantity).price(price).build();
        }
    }

    /**
     * Quantities of scale 0 to 8, mostly whole units from 1 to 5 so fills often match the open quantity exactly
     * (closes) and often exceed it (flips), mixed with arbitrary ones that leave odd remainders and bases.
     */
    static Gen<BigDecimal> quantities() {
        Gen<BigDecimal> whole = longs().between(1, 5).map(n -> BigDecimal.valueOf(n));
        Gen<BigDecimal> fine = longs().between(1, 1_000_000_000L).zip(integers().between(0, 8), BigDecimal::valueOf);
        return whole.mix(fine, 25);
    }

    static Gen<BigDecimal> prices() {
        return longs().between(1, 10_000_000_000L).zip(integers().between(0, 8), BigDecimal::valueOf);
    }

    static Gen<Trade> trades() {
        return arbitrary().enumValues(OrderSide.class).zip(quantities(), prices(), Trade::new);
    }

    static Gen<List<Trade>> tradeSequences() {
        return lists().of(trades()).ofSizeBetween(1, 30);
    }

    static List<PositionChange> replay(Position start, List<Fill> fills) {
        List<PositionChange> changes = new ArrayList<>();
        Position position = start;
        for (Fill fill : fills) {
            PositionChange change = position.apply(fill);
            changes.add(change);
            position = change.position();
        }
        return changes;
    }

    static List<Fill> on(Instrument instrument, List<Trade> trades) {
        return trades.stream().map(t -> t.on(instrument)).toList();
    }

    static Money usdt(BigDecimal amount) {
        return new Money(amount, BTC_USDT.quote());
    }

    @Test
    void realizedPnlEqualsTheSumOfTheClosedParts() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences()).checkAssert(trades -> {
            List<PositionChange> changes = replay(Position.flat(ACCOUNT, BTC_USDT_PERP), on(BTC_USDT_PERP, trades));
            Money sum = changes.stream().map(PositionChange::realizedPnl).reduce(usdt(BigDecimal.ZERO), Money::plus);
            assertThat(changes.getLast().position().realizedPnl()).isEqualTo(sum);
        });
    }

    @Test
    void aRoundTripThatEndsFlatRealizesExactlyProceedsMinusCosts() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences(), prices()).checkAssert((trades, exitPrice) -> {
            List<Fill> fills = new ArrayList<>(on(BTC_USDT_PERP, trades));
            Position end = replay(Position.flat(ACCOUNT, BTC_USDT_PERP), fills).getLast().position();
            if (!end.isFlat()) {
                OrderSide closing = end.quantity().signum() > 0 ? OrderSide.SELL : OrderSide.BUY;
                fills.add(new Trade(closing, end.quantity().abs(), exitPrice).on(BTC_USDT_PERP));
            }
            Position flat = replay(Position.flat(ACCOUNT, BTC_USDT_PERP), fills).getLast().position();

            BigDecimal proceedsMinusCosts = fills.stream()
                    .map(f -> f.side() == OrderSide.SELL ? f.notional() : f.notional().negate())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(flat.isFlat()).isTrue();
            assertThat(flat.costBasis().isZero()).isTrue();
            assertThat(flat.realizedPnl()).isEqualTo(usdt(proceedsMinusCosts));
        });
    }

    @Test
    void aSpotRoundTripRealizesExactlyProceedsMinusCostsToo() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences(), prices()).checkAssert((trades, exitPrice) -> {
            // Keep only what spot allows: sells of at most what is held.
            List<Fill> fills = new ArrayList<>();
            BigDecimal held = BigDecimal.ZERO;
            for (Trade trade : trades) {
                BigDecimal quantity = trade.side() == OrderSide.SELL ? trade.quantity().min(held) : trade.quantity();
                if (quantity.signum() > 0) {
                    fills.add(new Trade(trade.side(), quantity, trade.price()).on(BTC_USDT));
                    held = held.add(trade.side() == OrderSide.BUY ? quantity : quantity.negate());
                }
            }
            if (held.signum() > 0) {
                fills.add(new Trade(OrderSide.SELL, held, exitPrice).on(BTC_USDT));
            }
            Position flat = replay(Position.flat(ACCOUNT, BTC_USDT), fills).stream()
                    .map(PositionChange::position).reduce((a, b) -> b).orElse(Position.flat(ACCOUNT, BTC_USDT));
            BigDecimal proceedsMinusCosts = fills.stream()
                    .map(f -> f.side() == OrderSide.SELL ? f.notional() : f.notional().negate())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(flat.isFlat()).isTrue();
            assertThat(flat.realizedPnl()).isEqualTo(usdt(proceedsMinusCosts));
        });
    }

    @Test
    void quantityIsTheSignedSumOfFills() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences()).checkAssert(trades -> {
            Position position = Position.flat(ACCOUNT, BTC_USDT_PERP);
            BigDecimal signedSum = BigDecimal.ZERO;
            for (Trade trade : trades) {
                position = position.apply(trade.on(BTC_USDT_PERP)).position();
                signedSum = signedSum.add(trade.side() == OrderSide.BUY ? trade.quantity() : trade.quantity().negate());
                assertThat(position.quantity()).isEqualByComparingTo(signedSum);
            }
        });
    }

    @Test
    void eachEffectDescribesHowTheQuantityMovedAndOnlyClosingFillsRealize() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences()).checkAssert(trades -> {
            Position before = Position.flat(ACCOUNT, BTC_USDT_PERP);
            for (Trade trade : trades) {
                PositionChange change = before.apply(trade.on(BTC_USDT_PERP));
                int from = before.quantity().signum();
                int to = change.position().quantity().signum();
                PositionChange.Effect expected;
                if (from == 0) {
                    expected = PositionChange.Effect.OPENED;
                } else if (from == trade.side().sign()) {
                    expected = PositionChange.Effect.INCREASED;
                } else if (to == from) {
                    expected = PositionChange.Effect.REDUCED;
                } else if (to == 0) {
                    expected = PositionChange.Effect.CLOSED;
                } else {
                    expected = PositionChange.Effect.FLIPPED;
                }
                assertThat(change.effect()).isEqualTo(expected);
                assertThat(change.position().costBasis().isNegative()).isFalse();
                if (change.position().isFlat()) {
                    assertThat(change.position().costBasis().isZero()).isTrue();
                }
                before = change.position();
            }
        });
    }

    @Test
    void aSpotPositionIsNeverTakenShort() {
        qt().withExamples(EXAMPLES).forAll(tradeSequences()).checkAssert(trades -> {
            Position position = Position.flat(ACCOUNT, BTC_USDT);
            for (Trade trade : trades) {
                Fill fill = trade.on(BTC_USDT);
                if (trade.side() == OrderSide.SELL && trade.quantity().compareTo(position.quantity()) > 0) {
                    Position before = position;
                    assertThatThrownBy(() -> before.apply(fill)).isInstanceOf(IllegalArgumentException.class);
                } else {
                    position = position.apply(fill).position();
                }
                assertThat(position.quantity().signum()).isNotNegative();
            }
        });
    }
}
