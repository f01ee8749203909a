package dev.bulwark.application.bots;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.positions.PositionChange;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.driven.orders.Positions;
import dev.bulwark.ports.driving.bots.BotViews.BotSummary;
import dev.bulwark.ports.driving.bots.BotViews.BotView;
import dev.bulwark.ports.driving.bots.BotViews.OpenPosition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A bot's results, read from its venue account. Orders do not name the bot that placed them, so the figures are
 * those of the bot's account, in the symbols the bot may trade (all of the account's when the bot allows any), from
 * the moment the bot was created: a bot sharing an account with another bot or with manual trading shares its
 * figures. Give each bot its own account for figures that are its alone.
 *
 * <ul>
 *   <li><b>Open positions</b>: the account's positions that are not flat, with their average entry price; the
 *       unrealized P&amp;L is left out (null): it needs a live price, which this read does not fetch.</li>
 *   <li>The account's fills since the bot was created (the newest {@value #MAX_FILLS} at most, so a long history is
 *       cut at its oldest end) are replayed per instrument from flat, oldest first, with the domain's
 *       {@link Position#apply}. A sell of more than the replay holds on a market without shorts (what was bought
 *       before the bot existed) counts only the part held.</li>
 *   <li>A <b>trade</b> is a fill that reduced, closed or flipped a position (it realized P&amp;L); the
 *       <b>trade count</b> counts them, the <b>win rate</b> is the share of them that realized more than zero,
 *       rounded half-even to 4 decimals (null without trades).</li>
 *   <li><b>Today's P&amp;L</b> is the P&amp;L realized by trades since midnight UTC; the <b>total return</b> is the
 *       P&amp;L realized by every replayed trade. Both are gross of fees and in {@code quoteAsset}: the quote asset
 *       most of the replayed fills were in (USDT for a crypto bot, USD for a stock bot, when there are none); trades
 *       in other quote assets are counted in the trade count and the win rate but not in these sums.</li>
 * </ul>
 */
final class BotSummaries {
    static final int MAX_FILLS = 10_000;
    private static final int RATE_SCALE = 4;

    private final Orders orders;
    private final Positions positions;

    BotSummaries(Orders orders, Positions positions) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.positions = Objects.requireNonNull(positions, "positions");
    }

    BotSummary summarize(Bot bot, BotView view, Instant now) {
        List<OpenPosition> open = positions.listOpen(bot.workspace(), bot.account()).stream()
                .filter(p -> bot.risk().allows(p.instrument().symbol()))
                .map(p -> new OpenPosition(p.instrument().symbol(), p.quantity(),
                        p.averageEntryPrice().orElse(BigDecimal.ZERO), null))
                .toList();
        List<Fill> fills = orders.recentFills(bot.workspace(), bot.account(), MAX_FILLS).stream()
                .filter(f -> !f.time().isBefore(bot.createdAt()))
                .filter(f -> bot.risk().allows(f.instrument().symbol()))
                .sorted(Comparator.comparing(Fill::time).thenComparing(Fill::tradeId))
                .toList();
        Asset quote = quoteOf(fills, bot.assetType());
        Instant midnight = now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();

        Map<Instrument, Position> replay = new HashMap<>();
        BigDecimal today = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        int trades = 0;
        int wins = 0;
        for (Fill fill : fills) {
            Position before = replay.computeIfAbsent(fill.instrument(), i -> Position.flat(bot.account(), i));
            Fill counted = countable(before, fill);
            if (counted == null) {
                continue;
            }
            PositionChange change = before.apply(counted);
            replay.put(fill.instrument(), change.position());
            if (change.effect() == PositionChange.Effect.OPENED || change.effect() == PositionChange.Effect.INCREASED) {
                continue;
            }
            trades++;
            BigDecimal realized = change.realizedPnl().amount();
            if (realized.signum() > 0) {
                wins++;
            }
            if (fill.instrument().quote().equals(quote)) {
                total = total.add(realized);
                if (!fill.time().isBefore(midnight)) {
                    today = today.add(realized);
                }
            }
        }
        @Nullable BigDecimal winRate = trades == 0 ? null
                : BigDecimal.valueOf(wins).divide(BigDecimal.valueOf(trades), RATE_SCALE, RoundingMode.HALF_EVEN);
        return new BotSummary(view, open, strip(today), strip(total), winRate, trades, quote.code());
    }

    /**
     * The fill as the replay can count it: whole, or cut to what the replay holds when it would sell short on a
     * market without shorts; null when nothing of it can be counted.
     */
    private static @Nullable Fill countable(Position before, Fill fill) {
        if (fill.side() != OrderSide.SELL || fill.instrument().market().allowsShort()
                || fill.quantity().compareTo(before.quantity()) <= 0) {
            return fill;
        }
        if (before.quantity().signum() <= 0) {
            return null;
        }
        return new Fill(fill.tradeId(), fill.orderId(), fill.instrument(), fill.side(), fill.price(), before.quantity(),
                fill.fee(), fill.time());
    }

    private static Asset quoteOf(List<Fill> fills, AssetType type) {
        Map<Asset, Integer> counts = new TreeMap<>();
        for (Fill fill : fills) {
            counts.merge(fill.instrument().quote(), 1, Integer::sum);
        }
        Asset best = null;
        int most = 0;
        for (Map.Entry<Asset, Integer> entry : counts.entrySet()) { // sorted: ties go to the first code
            if (entry.getValue() > most) {
                best = entry.getKey();
                most = entry.getValue();
            }
        }
        if (best != null) {
            return best;
        }
        return type == AssetType.STOCKS ? Asset.USD : Asset.USDT;
    }

    private static BigDecimal strip(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
