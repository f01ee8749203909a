package dev.bulwark.ports.driving.backtest;

import dev.bulwark.domain.analytics.ClosedTrade;
import dev.bulwark.domain.analytics.Drawdown;
import dev.bulwark.domain.analytics.EquityPoint;
import dev.bulwark.domain.analytics.Performance;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.risk.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a backtest did. Amounts are in the instrument's quote asset.
 *
 * @param instrument what was traded
 * @param interval the candles' interval
 * @param from the command's start
 * @param to the command's end (exclusive)
 * @param strategy the strategy and its parameters, in one canonical line
 * @param settings what else shaped the result, one canonical line each: sizing, protection, fees, slippage, volume
 *     cap, the venue's trading rules, the risk profile and the quote rate
 * @param initialEquity the funding the run started with
 * @param candlesProcessed the candles the run stepped through
 * @param decisions every signal and what became of it, in the order acted on
 * @param fills every fill, in the order they happened (entries, exits and protective orders alike)
 * @param trades round trips, matched first in first out: each entry order is a lot, and each exit fill closes the
 *     oldest lots; a trade's P&amp;L is net of the entry's and the exit's fees (their share of them). Lots still open
 *     at the end are not trades: the equity curve values them at the last close
 * @param equityCurve the funding at the first candle's open, then the equity at every candle's close (quote balance
 *     plus the base held at the close)
 * @param performance {@link Performance#of} the curve and the trades
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record BacktestReport(
        Instrument instrument,
        CandleInterval interval,
        Instant from,
        Instant to,
        String strategy,
        List<String> settings,
        BigDecimal initialEquity,
        int candlesProcessed,
        List<SignalDecision> decisions,
        List<Fill> fills,
        List<ClosedTrade> trades,
        List<EquityPoint> equityCurve,
        Performance performance) {

    public BacktestReport {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(strategy, "strategy");
        settings = List.copyOf(settings);
        Objects.requireNonNull(initialEquity, "initialEquity");
        if (candlesProcessed < 0) {
            throw new IllegalArgumentException("candlesProcessed is a count, was " + candlesProcessed);
        }
        decisions = List.copyOf(decisions);
        fills = List.copyOf(fills);
        trades = List.copyOf(trades);
        equityCurve = List.copyOf(equityCurve);
        Objects.requireNonNull(performance, "performance");
    }

    /** The equity at the last close. */
    public BigDecimal finalEquity() {
        return equityCurve.isEmpty() ? initialEquity : equityCurve.getLast().equity();
    }

    /**
     * The report as canonical text: sections ({@code # name}) of comma-separated rows, each with a header row,
     * numbers in plain notation, times in ISO-8601 UTC, {@code \n} line ends, cells quoted as in RFC 4180 when they
     * hold a comma, a quote or a line break, an absent value as an empty cell. A function of this record alone, so
     * the same run renders to the same bytes: what a test or a user diffs to see that nothing changed.
     */
    public String render() {
        StringBuilder out = new StringBuilder(256 + 48 * (equityCurve.size() + fills.size() + decisions.size()));
        section(out, "backtest", "key", "value");
        row(out, "symbol", instrument.symbol());
        row(out, "market", instrument.market().name());
        row(out, "interval", interval.name());
        row(out, "from", from.toString());
        row(out, "to", to.toString());
        row(out, "strategy", strategy);
        row(out, "initialEquity", plain(initialEquity));
        row(out, "finalEquity", plain(finalEquity()));
        row(out, "candles", Integer.toString(candlesProcessed));

        section(out, "settings", "setting");
        for (String setting : settings) {
            row(out, setting);
        }

        Drawdown drawdown = performance.maxDrawdown();
        section(out, "performance", "figure", "value");
        row(out, "totalReturn", plain(performance.totalReturn()));
        row(out, "maxDrawdown", plain(drawdown.share()));
        row(out, "maxDrawdownPeakAt", drawdown.peakAt().toString());
        row(out, "maxDrawdownPeak", plain(drawdown.peak()));
        row(out, "maxDrawdownTroughAt", drawdown.troughAt().toString());
        row(out, "maxDrawdownTrough", plain(drawdown.trough()));
        row(out, "trades", Integer.toString(performance.tradeCount()));
        row(out, "wins", Integer.toString(performance.wins()));
        row(out, "losses", Integer.toString(performance.losses()));
        row(out, "winRate", plain(performance.winRate()));
        row(out, "grossProfit", plain(performance.grossProfit()));
        row(out, "grossLoss", plain(performance.grossLoss()));
        row(out, "profitFactor", plain(performance.profitFactor()));
        row(out, "netProfit", plain(performance.netProfit()));

        section(out, "decisions", "at", "actedAt", "csvLine", "action", "quantity", "outcome", "orderId", "status",
                "filled", "averagePrice", "detail");
        for (SignalDecision d : decisions) {
            String at = d.at().toString();
            String actedAt = d.actedAt() == null ? "" : d.actedAt().toString();
            String line = d.csvLine() == null ? "" : d.csvLine().toString();
            String action = d.action().name();
            String quantity = plain(d.quantity());
            switch (d.outcome()) {
                case SignalDecision.Placed placed -> {
                    Order o = placed.order();
                    row(out, at, actedAt, line, action, quantity, "placed", o.id().toString(), o.status().name(),
                            plain(o.filledQuantity()), plain(o.averageFillPrice()), protection(placed));
                }
                case SignalDecision.SizedOut sized ->
                        row(out, at, actedAt, line, action, quantity, "sized-out", "", "", "", "", sized.reason());
                case SignalDecision.RiskRejected risk ->
                        row(out, at, actedAt, line, action, quantity, "risk-rejected", "", "", "", "", violations(risk.violations()));
                case SignalDecision.VenueRejected venue ->
                        row(out, at, actedAt, line, action, quantity, "venue-rejected", "", "", "", "",
                                venue.reason().name() + ": " + venue.detail());
                case SignalDecision.Ignored ignored ->
                        row(out, at, actedAt, line, action, quantity, "ignored", "", "", "", "", ignored.reason());
            }
        }

        section(out, "fills", "time", "tradeId", "orderId", "side", "price", "quantity", "fee", "feeAsset");
        for (Fill f : fills) {
            row(out, f.time().toString(), f.tradeId(), f.orderId().toString(), f.side().name(), plain(f.price()),
                    plain(f.quantity()), plain(f.fee().amount()), f.fee().asset().code());
        }

        section(out, "trades", "entryTime", "entryPrice", "exitTime", "exitPrice", "quantity", "pnl");
        for (ClosedTrade t : trades) {
            row(out, t.entryTime().toString(), plain(t.entryPrice()), t.exitTime().toString(), plain(t.exitPrice()),
                    plain(t.quantity()), plain(t.pnl()));
        }

        section(out, "equity", "at", "equity");
        for (EquityPoint p : equityCurve) {
            row(out, p.at().toString(), plain(p.equity()));
        }
        return out.toString();
    }

    private static String protection(SignalDecision.Placed placed) {
        StringBuilder text = new StringBuilder();
        for (Order o : placed.protection()) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(o.type().name()).append(' ').append(o.side().name()).append(' ')
                    .append(plain(o.remainingQuantity().orElse(null))).append(" at ")
                    .append(plain(o.stopPrice())).append(' ').append(o.id());
        }
        if (placed.protectionNote() != null) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(placed.protectionNote());
        }
        return text.toString();
    }

    private static String violations(List<Violation> violations) {
        StringBuilder text = new StringBuilder();
        for (Violation v : violations) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(v.rule().name()).append(" limit ").append(plain(v.limit())).append(" actual ")
                    .append(v.actual() == null ? "n/a" : plain(v.actual())).append(": ").append(v.reason());
        }
        return text.toString();
    }

    private static void section(StringBuilder out, String name, String... header) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append("# ").append(name).append('\n');
        row(out, header);
    }

    private static void row(StringBuilder out, String... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(out, cells[i]);
        }
        out.append('\n');
    }

    private static void cell(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }
}
