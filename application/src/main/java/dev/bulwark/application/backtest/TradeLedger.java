package dev.bulwark.application.backtest;

import dev.bulwark.domain.analytics.ClosedTrade;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.OrderId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Turns a long-only run's fills into round trips, first in first out, as TradingView's strategy tester counts them:
 * each entry order is a lot, and each sell fill closes the oldest lots (a partial close is a trade of the part).
 *
 * <p>A trade's P&amp;L is what the sold part fetched less what it cost, less its share of the entry's fees and of
 * the exit's: net of every fee, so the trades' P&amp;L adds up to the equity's change once everything is sold. A
 * buy fee charged in the base asset is not a quote amount: the lot then holds what was received, so its entry
 * price is the effective price per unit received and the fee is in the P&amp;L through it. Shares of a cost or fee
 * are quotients at {@link Decimals#DIVISION_SCALE}; the part that empties a lot or a fill takes what is left, so
 * no rounding is lost.
 */
final class TradeLedger {
    private final Instrument instrument;
    /** Open lots by entry order, oldest first. */
    private final LinkedHashMap<OrderId, Lot> lots = new LinkedHashMap<>();
    private final List<ClosedTrade> trades = new ArrayList<>();

    private static final class Lot {
        private final Instant entryTime;
        private BigDecimal bought = BigDecimal.ZERO;
        private BigDecimal paid = BigDecimal.ZERO;
        private BigDecimal quantity = BigDecimal.ZERO;
        private BigDecimal cost = BigDecimal.ZERO;
        private BigDecimal fee = BigDecimal.ZERO;

        private Lot(Instant entryTime) {
            this.entryTime = entryTime;
        }

        /** The lot's average entry price over everything it bought. */
        private BigDecimal entryPrice() {
            return Decimals.divide(paid, bought);
        }
    }

    TradeLedger(Instrument instrument) {
        this.instrument = instrument;
    }

    void record(Fill fill) {
        if (fill.side() == OrderSide.BUY) {
            buy(fill);
        } else {
            sell(fill);
        }
    }

    List<ClosedTrade> trades() {
        return List.copyOf(trades);
    }

    private void buy(Fill fill) {
        Lot lot = lots.computeIfAbsent(fill.orderId(), id -> new Lot(fill.time()));
        BigDecimal received = fill.quantity();
        BigDecimal fee = BigDecimal.ZERO;
        if (fill.fee().asset().equals(instrument.quote())) {
            fee = fill.fee().amount();
        } else if (fill.fee().asset().equals(instrument.base())) {
            received = received.subtract(fill.fee().amount());
        }
        if (received.signum() <= 0) {
            return; // a fee that ate the whole fill leaves nothing to trade
        }
        lot.bought = Decimals.normalize(lot.bought.add(received));
        lot.paid = Decimals.normalize(lot.paid.add(fill.notional()));
        lot.quantity = Decimals.normalize(lot.quantity.add(received));
        lot.cost = Decimals.normalize(lot.cost.add(fill.notional()));
        lot.fee = Decimals.normalize(lot.fee.add(fee));
    }

    private void sell(Fill fill) {
        BigDecimal remaining = fill.quantity();
        // a spot sell pays its fee in the quote asset it receives
        BigDecimal fee = fill.fee().asset().equals(instrument.quote()) ? fill.fee().amount() : BigDecimal.ZERO;
        BigDecimal feeLeft = fee;
        Iterator<Lot> open = lots.values().iterator();
        while (remaining.signum() > 0 && open.hasNext()) {
            Lot lot = open.next();
            BigDecimal part = remaining.min(lot.quantity);
            boolean wholeLot = part.compareTo(lot.quantity) == 0;
            boolean restOfFill = part.compareTo(remaining) == 0;
            BigDecimal cost = wholeLot ? lot.cost : Decimals.divide(lot.cost.multiply(part), lot.quantity);
            BigDecimal entryFee = wholeLot ? lot.fee : Decimals.divide(lot.fee.multiply(part), lot.quantity);
            BigDecimal exitFee = restOfFill ? feeLeft
                    : Decimals.divide(fee.multiply(part), fill.quantity()).min(feeLeft);
            BigDecimal pnl = fill.price().multiply(part).subtract(exitFee).subtract(cost).subtract(entryFee);
            trades.add(new ClosedTrade(instrument, lot.entryTime, lot.entryPrice(), fill.time(), fill.price(), part, pnl));
            lot.quantity = Decimals.normalize(lot.quantity.subtract(part));
            lot.cost = Decimals.normalize(lot.cost.subtract(cost));
            lot.fee = Decimals.normalize(lot.fee.subtract(entryFee));
            remaining = Decimals.normalize(remaining.subtract(part));
            feeLeft = Decimals.normalize(feeLeft.subtract(exitFee));
            if (wholeLot) {
                open.remove();
            }
        }
        // what is left sold inventory the run did not buy; a spot run holds none, so there is nothing to match
    }
}
