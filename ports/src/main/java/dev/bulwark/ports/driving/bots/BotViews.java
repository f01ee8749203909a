package dev.bulwark.ports.driving.bots;

import dev.bulwark.domain.bots.AssetType;
import dev.bulwark.domain.bots.BotId;
import dev.bulwark.domain.bots.BotStatus;
import dev.bulwark.domain.signals.SignalId;
import dev.bulwark.domain.signals.SignalStatus;
import dev.bulwark.domain.venues.Environment;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What {@link ManageBots} answers. A webhook secret appears only in the answer that creates it, once. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface BotViews {
    record BotView(BotId id, String name, String description, AssetType assetType, VenueAccountId account,
                   Environment mode, BotCommands.Sizing sizing, BotCommands.Risk risk, BotStatus status, int configVersion,
                   Instant createdAt, Instant updatedAt, String webhookPath) {
    }

    /** @param webhookSecret shown once; the URL form is {@code webhookPath + "/" + webhookSecret} */
    record BotCreated(BotView bot, String webhookSecret) {
        @Override
        public String toString() {
            return "BotCreated[" + bot.id() + "]";
        }
    }

    /** @param previousValidUntil the old secret keeps working until then (10 minutes) */
    record SecretRotated(String webhookSecret, Instant previousValidUntil) {
        @Override
        public String toString() {
            return "SecretRotated[****]";
        }
    }

    record OpenPosition(String symbol, BigDecimal quantity, BigDecimal entryPrice, @Nullable BigDecimal unrealizedPnl) {
    }

    /** A bot's results: positions open now, today's P&L, total return, win rate and trade count (closed trades). */
    record BotSummary(BotView bot, List<OpenPosition> openPositions, BigDecimal todayPnl, BigDecimal totalReturn,
                      @Nullable BigDecimal winRate, int tradeCount, String quoteAsset) {
    }

    record SignalView(SignalId id, BotId bot, Instant receivedAt, SignalStatus status, @Nullable String reason,
                      @Nullable String action, @Nullable String symbol, @Nullable String quantity,
                      @Nullable String externalOrderId, @Nullable Instant updatedAt) {
    }

    /**
     * One step of a signal's journey: received, parsed, sized, risk (each rule's limit and value), placed, filled,
     * rejected, failed; with what it used (price, balances, limits, configuration version) so it can be re-run.
     */
    record ReceiptStep(String step, Instant at, Map<String, String> details) {
    }

    record SignalReceipt(SignalView signal, List<ReceiptStep> steps) {
    }

    record DeadLetter(SignalId signal, BotId bot, String error, int attempts, Instant diedAt) {
    }
}
