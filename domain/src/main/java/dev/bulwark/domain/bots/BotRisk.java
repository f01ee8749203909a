package dev.bulwark.domain.bots;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.risk.RiskProfile;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A bot's own risk limits, checked on top of its venue account's risk profile ({@link #on}); a null limit is not set.
 *
 * @param stopLossPercent   the stop placed this far from the entry price, in percent, above 0 and below 100 (a
 *                          stop at 100% would sit at a price of zero and protect nothing)
 * @param takeProfitPercent the take-profit this far from the entry price, in percent, above 0
 * @param maxDailyLoss      the share of equity the bot may lose in a day before it stops opening positions,
 *                          above 0 and at most 1
 * @param maxOpenPositions  how many positions the bot may hold at once, at least 1
 * @param allowedSymbols    the {@code BASE/QUOTE} symbols the bot may trade, stored upper case and sorted;
 *                          empty means every symbol (the account's own limits still apply)
 */
public record BotRisk(
        @Nullable BigDecimal stopLossPercent,
        @Nullable BigDecimal takeProfitPercent,
        @Nullable BigDecimal maxDailyLoss,
        @Nullable Integer maxOpenPositions,
        Set<String> allowedSymbols) {

    /** Bounds the stored list: a bot trading more symbols than this wants no list at all. */
    public static final int MAX_ALLOWED_SYMBOLS = 100;

    /** No limits of the bot's own. */
    public static final BotRisk NONE = new BotRisk(null, null, null, null, Set.of());

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public BotRisk {
        if (stopLossPercent != null) {
            stopLossPercent = Decimals.requirePositive(stopLossPercent, "stopLossPercent");
            if (stopLossPercent.compareTo(HUNDRED) >= 0) {
                throw new IllegalArgumentException("a stop loss is above 0 and below 100 percent, was " + stopLossPercent.toPlainString());
            }
        }
        if (takeProfitPercent != null) {
            takeProfitPercent = Decimals.requirePositive(takeProfitPercent, "takeProfitPercent");
        }
        if (maxDailyLoss != null) {
            maxDailyLoss = Decimals.requirePositive(maxDailyLoss, "maxDailyLoss");
            if (maxDailyLoss.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("a maximum daily loss is a share of equity above 0 and at most 1, was " + maxDailyLoss.toPlainString());
            }
        }
        if (maxOpenPositions != null && maxOpenPositions < 1) {
            throw new IllegalArgumentException("a maximum of open positions is at least 1, was " + maxOpenPositions);
        }
        allowedSymbols = normalizeSymbols(allowedSymbols);
    }

    /** Whether the bot may trade {@code symbol} ({@code BASE/QUOTE}, any case). */
    public boolean allows(String symbol) {
        return allowedSymbols.isEmpty() || allowedSymbols.contains(normalizeSymbol(symbol));
    }

    private static SortedSet<String> normalizeSymbols(Set<String> symbols) {
        Objects.requireNonNull(symbols, "allowedSymbols");
        if (symbols.size() > MAX_ALLOWED_SYMBOLS) {
            throw new IllegalArgumentException("a bot allows at most " + MAX_ALLOWED_SYMBOLS + " symbols, was " + symbols.size());
        }
        SortedSet<String> normalized = new TreeSet<>();
        for (String symbol : symbols) {
            normalized.add(normalizeSymbol(symbol));
        }
        return Collections.unmodifiableSortedSet(normalized);
    }

    /**
     * The limits an order of this bot for {@code symbol} passes: the account's profile, tightened by the bot's own
     * limits. The daily loss and open positions are the lower of the two; every other limit is the account's.
     *
     * <p>A symbol must be on both whitelists, a list left empty restricting nothing: the bot's list alone when the
     * account has none (an empty account list allows every symbol on paper and none live, and a bot that names its
     * symbols has chosen them), the account's alone when the bot has none, else the symbols on both. Where the two
     * lists have no symbol in common, the list checked is the one {@code symbol} is missing from, so the refusal
     * names a list that really lacks it.
     */
    public RiskProfile on(RiskProfile account, String symbol) {
        Objects.requireNonNull(account, "account");
        Set<String> accountList = account.symbolWhitelist();
        Set<String> whitelist;
        if (accountList.isEmpty()) {
            whitelist = allowedSymbols;
        } else if (allowedSymbols.isEmpty()) {
            whitelist = accountList;
        } else {
            Set<String> both = new TreeSet<>(allowedSymbols);
            both.retainAll(accountList);
            whitelist = !both.isEmpty() ? both : accountList.contains(normalizeSymbol(symbol)) ? allowedSymbols : accountList;
        }
        BigDecimal dailyLoss = maxDailyLoss == null ? account.maxDailyLoss() : maxDailyLoss.min(account.maxDailyLoss());
        int openPositions = maxOpenPositions == null ? account.maxOpenPositions()
                : Math.min(maxOpenPositions, account.maxOpenPositions());
        return new RiskProfile(whitelist, account.minOrderSize(), account.maxOrderSize(), account.maxOrderValue(),
                account.maxPositionValue(), account.maxPositionShare(), account.maxLeverage(), account.maxRiskPerTrade(),
                dailyLoss, openPositions);
    }

    /** {@code " btc/usdt "} is {@code BTC/USDT}; anything that is not two different asset codes is refused. */
    private static String normalizeSymbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        // the market does not matter for the symbol; parsing reuses the one definition of BASE/QUOTE
        return Instrument.parse(symbol.strip(), Market.SPOT).symbol();
    }
}
