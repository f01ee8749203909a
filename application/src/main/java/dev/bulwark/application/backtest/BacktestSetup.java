package dev.bulwark.application.backtest;

import dev.bulwark.domain.backtest.Dca;
import dev.bulwark.domain.backtest.Grid;
import dev.bulwark.domain.backtest.SmaCross;
import dev.bulwark.domain.backtest.Strategy;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.market.CandleInterval;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.Market;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.paper.FeeSchedule;
import dev.bulwark.domain.paper.PaperProfile;
import dev.bulwark.domain.paper.SlippageModel;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.ports.driving.backtest.BacktestCommand;
import dev.bulwark.ports.driving.backtest.CostOverrides;
import dev.bulwark.ports.driving.backtest.SizingSpec;
import dev.bulwark.ports.driving.backtest.StrategySpec;
import dev.bulwark.ports.errors.Invalid;
import dev.bulwark.ports.errors.Invalid.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BacktestCommand} checked and turned into domain values. Hosts validate the command's annotations first;
 * this checks them again (a caller may skip the host) together with what no annotation can say, so no domain
 * constructor ever throws on a user's input: every problem becomes one {@link Invalid} with all field errors.
 *
 * @param venueRules the simulated venue's trading rules for the instrument; null when it does not list it (the run
 *     then derives generic rules from the candles)
 * @param csvLines the alerts of a CSV strategy, in the order to act on them; empty for a built-in strategy
 */
record BacktestSetup(
        Instrument instrument,
        CandleInterval interval,
        Instant from,
        Instant to,
        BigDecimal initialQuote,
        @Nullable PositionSizing sizing,
        @Nullable BigDecimal stopLossPercent,
        @Nullable BigDecimal takeProfitPercent,
        RiskProfile risk,
        BigDecimal quoteRate,
        PaperProfile venue,
        @Nullable TradingRules venueRules,
        StrategySpec strategy,
        List<SignalsCsv.Line> csvLines,
        String strategyDescription) {

    /** A backtest steps through at most this many candles: two years of minutes. */
    static final long MAX_CANDLES = 1_100_000;
    /** What {@link StrategySpec.SignalsCsvSpec} allows: about a hundred thousand alerts. */
    static final int MAX_CSV_CHARS = 10_000_000;
    /** Longer than any run, so longer only means a typo (and would overflow the schedule's arithmetic). */
    static final Duration MAX_DCA_INTERVAL = Duration.ofDays(3_660);

    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z0-9]{1,20}/[A-Za-z0-9]{1,20}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal FULL_BPS = BigDecimal.valueOf(10_000);

    BacktestSetup {
        csvLines = List.copyOf(csvLines);
    }

    /** A fresh instance of the built-in strategy (a strategy remembers what it saw); null for a CSV of alerts. */
    @Nullable Strategy newStrategy() {
        return switch (strategy) {
            case StrategySpec.SmaCrossSpec s -> new SmaCross(s.fast(), s.slow());
            case StrategySpec.DcaSpec d -> new Dca(nonNull(d.every()), nonNull(d.quoteAmount()));
            case StrategySpec.GridSpec g -> new Grid(nonNull(g.lower()), nonNull(g.upper()), g.levels(),
                    nonNull(g.quantityPerLevel()));
            case StrategySpec.SignalsCsvSpec csv -> null;
        };
    }

    /** The run's simulated spot wallet: the venue's behaviour with the command's what-if costs, for one instrument. */
    static PaperProfile venue(PaperProfile base, @Nullable CostOverrides costs) {
        if (costs == null) {
            return base;
        }
        FeeSchedule fees = base.fees();
        SlippageModel slippage = base.slippage();
        PaperProfile profile = base.withFees(new FeeSchedule(or(costs.makerFeeBps(), fees.makerBps()),
                        or(costs.takerFeeBps(), fees.takerBps()), fees.spotBuyFeeAsset()))
                .withSlippage(new SlippageModel(or(costs.slippageBps(), slippage.basisPoints()),
                        or(costs.slippageRangeShare(), slippage.rangeShare())));
        return costs.maxVolumeShare() == null ? profile : profile.withMaxVolumeShare(costs.maxVolumeShare());
    }

    /**
     * Checks the command against {@code venue}, the simulated venue's profile.
     *
     * @throws Invalid listing every problem
     */
    static BacktestSetup of(BacktestCommand command, PaperProfile venue) {
        List<FieldError> errors = new ArrayList<>();
        Instrument instrument = instrument(command, errors);
        required(command.interval(), "interval", errors);
        Instant from = command.from();
        Instant to = command.to();
        required(from, "from", errors);
        required(to, "to", errors);
        if (from != null && to != null && command.interval() != null) {
            if (!to.isAfter(from)) {
                errors.add(new FieldError("to", "must be after from (" + from + ")"));
            } else {
                long candles = Duration.between(from, to).dividedBy(command.interval().duration());
                if (candles > MAX_CANDLES) {
                    errors.add(new FieldError("to", "the range holds " + candles + " " + command.interval()
                            + " candles; a backtest steps through at most " + MAX_CANDLES));
                }
            }
        }
        BigDecimal initialQuote = positive(command.initialQuote(), "initialQuote", true, errors);
        PositionSizing sizing = sizing(command.sizing(), errors);
        BigDecimal stopLoss = positive(command.stopLossPercent(), "stopLossPercent", false, errors);
        if (stopLoss != null && stopLoss.compareTo(HUNDRED) >= 0) {
            errors.add(new FieldError("stopLossPercent", "must be below 100, was " + stopLoss.toPlainString()));
        }
        BigDecimal takeProfit = positive(command.takeProfitPercent(), "takeProfitPercent", false, errors);
        BigDecimal quoteRate = quoteRate(command.quoteRate(), instrument, errors);
        costs(command.costs(), errors);

        StrategySpec strategy = command.strategy();
        List<SignalsCsv.Line> csvLines = List.of();
        String description = "";
        if (strategy == null) {
            errors.add(new FieldError("strategy", "is required"));
        } else {
            description = switch (strategy) {
                case StrategySpec.SmaCrossSpec s -> smaCross(s, sizing != null, errors);
                case StrategySpec.DcaSpec d -> dca(d, errors);
                case StrategySpec.GridSpec g -> grid(g, errors);
                case StrategySpec.SignalsCsvSpec c -> {
                    if (c.csv() == null) {
                        errors.add(new FieldError(SignalsCsv.FIELD, "is required"));
                    } else if (c.csv().length() > MAX_CSV_CHARS) {
                        errors.add(new FieldError(SignalsCsv.FIELD, "is at most " + MAX_CSV_CHARS + " characters, was "
                                + c.csv().length()));
                    } else if (instrument != null) {
                        SignalsCsv.Parsed parsed = SignalsCsv.parse(c.csv(), instrument, sizing != null);
                        errors.addAll(parsed.errors());
                        csvLines = parsed.lines();
                    }
                    yield "signals-csv alerts=" + csvLines.size();
                }
            };
        }
        if (!errors.isEmpty()) {
            throw new Invalid("the backtest cannot run as asked: " + errors.size() + " problem"
                    + (errors.size() == 1 ? "" : "s"), errors);
        }
        PaperProfile profile = venue(venue, command.costs());
        TradingRules rules = profile.rules().get(nonNull(instrument));
        RiskProfile risk = command.riskProfile() == null ? RiskProfile.defaults() : command.riskProfile();
        return new BacktestSetup(nonNull(instrument), nonNull(command.interval()), nonNull(from), nonNull(to),
                nonNull(initialQuote), sizing, stopLoss, takeProfit, risk, nonNull(quoteRate), profile, rules,
                nonNull(strategy), csvLines, description);
    }

    private static @Nullable Instrument instrument(BacktestCommand command, List<FieldError> errors) {
        Market market = command.market();
        if (market == null) {
            errors.add(new FieldError("market", "is required"));
        } else if (market == Market.USDM_FUTURES) {
            errors.add(new FieldError("market", "only SPOT and STOCK (long-only cash markets) are backtested for now"));
        }
        String symbol = command.symbol();
        if (symbol == null) {
            errors.add(new FieldError("symbol", "is required"));
            return null;
        }
        String stripped = symbol.strip();
        if (!SYMBOL.matcher(stripped).matches()) {
            errors.add(new FieldError("symbol", "is BASE/QUOTE, such as BTC/USDT, was '" + symbol + "'"));
            return null;
        }
        int slash = stripped.indexOf('/');
        Asset base = Asset.of(stripped.substring(0, slash));
        Asset quote = Asset.of(stripped.substring(slash + 1));
        if (base.equals(quote)) {
            errors.add(new FieldError("symbol", "needs two different assets, was '" + symbol + "'"));
            return null;
        }
        // with a bad market the symbol is still checked (a CSV against it too), as if spot; nothing runs then
        return new Instrument(base, quote, market == null || market == Market.USDM_FUTURES ? Market.SPOT : market);
    }

    private static @Nullable PositionSizing sizing(@Nullable SizingSpec spec, List<FieldError> errors) {
        if (spec == null) {
            return null;
        }
        return switch (spec) {
            case SizingSpec.FixedQuote q -> {
                BigDecimal amount = positive(q.amount(), "sizing.amount", true, errors);
                yield amount == null ? null : new PositionSizing.FixedQuote(amount);
            }
            case SizingSpec.PercentOfEquity p -> {
                BigDecimal percent = positive(p.percent(), "sizing.percent", true, errors);
                if (percent != null && percent.compareTo(HUNDRED) > 0) {
                    errors.add(new FieldError("sizing.percent", "is at most 100, was " + percent.toPlainString()));
                    yield null;
                }
                yield percent == null ? null : new PositionSizing.PercentOfEquity(percent);
            }
            case SizingSpec.FixedUnits u -> {
                BigDecimal quantity = positive(u.quantity(), "sizing.quantity", true, errors);
                yield quantity == null ? null : new PositionSizing.FixedUnits(quantity);
            }
        };
    }

    private static @Nullable BigDecimal quoteRate(@Nullable BigDecimal rate, @Nullable Instrument instrument,
            List<FieldError> errors) {
        if (rate != null) {
            return positive(rate, "quoteRate", true, errors);
        }
        if (instrument == null) {
            return null;
        }
        Asset quote = instrument.quote();
        if (quote.equals(Asset.USD) || quote.isUsdStablecoin()) {
            return BigDecimal.ONE;
        }
        errors.add(new FieldError("quoteRate", "is required for a " + quote + " quote: what one " + quote
                + " is worth in USDT, for the risk limits (a live rate would make reruns differ)"));
        return null;
    }

    private static void costs(@Nullable CostOverrides costs, List<FieldError> errors) {
        if (costs == null) {
            return;
        }
        bps(costs.makerFeeBps(), "costs.makerFeeBps", errors);
        bps(costs.takerFeeBps(), "costs.takerFeeBps", errors);
        bps(costs.slippageBps(), "costs.slippageBps", errors);
        BigDecimal share = costs.slippageRangeShare();
        if (share != null && (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0)) {
            errors.add(new FieldError("costs.slippageRangeShare", "is between 0 and 1, was " + share.toPlainString()));
        }
        BigDecimal volume = costs.maxVolumeShare();
        if (volume != null && (volume.signum() <= 0 || volume.compareTo(BigDecimal.ONE) > 0)) {
            errors.add(new FieldError("costs.maxVolumeShare", "is above 0 and at most 1, was " + volume.toPlainString()));
        }
    }

    private static void bps(@Nullable BigDecimal value, String field, List<FieldError> errors) {
        if (value != null && (value.signum() < 0 || value.compareTo(FULL_BPS) >= 0)) {
            errors.add(new FieldError(field, "is from 0 to below 10000 basis points, was " + value.toPlainString()));
        }
    }

    private static String smaCross(StrategySpec.SmaCrossSpec s, boolean sized, List<FieldError> errors) {
        if (s.fast() < 1) {
            errors.add(new FieldError("strategy.fast", "is at least 1, was " + s.fast()));
        }
        if (s.slow() > 10_000) {
            errors.add(new FieldError("strategy.slow", "is at most 10000, was " + s.slow()));
        }
        if (s.slow() <= s.fast()) {
            errors.add(new FieldError("strategy.slow", "is longer than fast (" + s.fast() + "), was " + s.slow()));
        }
        if (!sized) {
            errors.add(new FieldError("sizing", "is required: the SMA cross's signals name no quantity"));
        }
        return "sma-cross fast=" + s.fast() + " slow=" + s.slow();
    }

    private static String dca(StrategySpec.DcaSpec d, List<FieldError> errors) {
        Duration every = d.every();
        if (every == null) {
            errors.add(new FieldError("strategy.every", "is required"));
        } else if (every.isNegative() || every.isZero()) {
            errors.add(new FieldError("strategy.every", "must be positive, was " + every));
        } else if (every.compareTo(MAX_DCA_INTERVAL) > 0) {
            errors.add(new FieldError("strategy.every", "is at most " + MAX_DCA_INTERVAL + ", was " + every));
        }
        BigDecimal amount = positive(d.quoteAmount(), "strategy.quoteAmount", true, errors);
        return "dca every=" + every + " quoteAmount=" + (amount == null ? "" : amount.toPlainString());
    }

    private static String grid(StrategySpec.GridSpec g, List<FieldError> errors) {
        BigDecimal lower = positive(g.lower(), "strategy.lower", true, errors);
        BigDecimal upper = positive(g.upper(), "strategy.upper", true, errors);
        if (lower != null && upper != null && upper.compareTo(lower) <= 0) {
            errors.add(new FieldError("strategy.upper", "is above lower (" + lower.toPlainString() + "), was "
                    + upper.toPlainString()));
        }
        if (g.levels() < 2 || g.levels() > 1_000) {
            errors.add(new FieldError("strategy.levels", "is from 2 to 1000, was " + g.levels()));
        }
        BigDecimal quantity = positive(g.quantityPerLevel(), "strategy.quantityPerLevel", true, errors);
        return "grid lower=" + plain(lower) + " upper=" + plain(upper) + " levels=" + g.levels()
                + " quantityPerLevel=" + plain(quantity);
    }

    /** The value normalized when positive and of a sane size; else an error (and null). */
    private static @Nullable BigDecimal positive(@Nullable BigDecimal value, String field, boolean required,
            List<FieldError> errors) {
        if (value == null) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (value.signum() <= 0) {
            errors.add(new FieldError(field, "must be positive, was " + value.toPlainString()));
            return null;
        }
        BigDecimal normalized = Decimals.normalize(value);
        if (normalized.scale() > 18 || normalized.precision() - normalized.scale() > 20) {
            errors.add(new FieldError(field, "has more than 18 decimals or 20 integer digits"));
            return null;
        }
        return normalized;
    }

    private static void required(@Nullable Object value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    private static BigDecimal or(@Nullable BigDecimal value, BigDecimal fallback) {
        return value == null ? fallback : value;
    }

    private static String plain(@Nullable BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** Checked above; the type system cannot follow the error list. */
    private static <T> T nonNull(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("a checked value was missing");
        }
        return value;
    }

    /** The canonical lines of everything besides the strategy that shaped the result. */
    List<String> settings(TradingRules rules, boolean rulesDerived) {
        List<String> lines = new ArrayList<>();
        lines.add("sizing: " + switch (sizing) {
            case null -> "none (signals name their quantities)";
            case PositionSizing.FixedQuote q -> "fixed quote " + q.amount().toPlainString() + " " + instrument.quote();
            case PositionSizing.PercentOfEquity p -> p.percent().toPlainString() + " % of equity";
            case PositionSizing.FixedUnits u -> "fixed " + u.quantity().toPlainString() + " " + instrument.base();
        });
        lines.add("stop-loss: " + (stopLossPercent == null ? "none" : stopLossPercent.toPlainString() + " % below the entry"));
        lines.add("take-profit: " + (takeProfitPercent == null ? "none" : takeProfitPercent.toPlainString()
                + " % above the entry"));
        FeeSchedule fees = venue.fees();
        lines.add("fees: maker " + fees.makerBps().toPlainString() + " bps, taker " + fees.takerBps().toPlainString()
                + " bps, a buy's fee in the " + fees.spotBuyFeeAsset().name().toLowerCase(Locale.ROOT)
                + " asset");
        lines.add("slippage: " + venue.slippage().basisPoints().toPlainString() + " bps plus "
                + venue.slippage().rangeShare().toPlainString() + " of the candle's range");
        lines.add("volume cap: " + (venue.maxVolumeShare() == null ? "none"
                : venue.maxVolumeShare().toPlainString() + " of a candle's volume"));
        lines.add("rules" + (rulesDerived ? " (generic: the venue does not list the instrument)" : "")
                + ": tick " + rules.tickSize().toPlainString() + ", lot step " + rules.lotStep().toPlainString()
                + ", min quantity " + rules.minQuantity().toPlainString() + ", max quantity "
                + (rules.maxQuantity() == null ? "none" : rules.maxQuantity().toPlainString()) + ", min notional "
                + rules.minNotional().toPlainString());
        lines.add("risk: whitelist " + (risk.symbolWhitelist().isEmpty() ? "empty (every symbol on paper)"
                : String.join(" ", risk.symbolWhitelist())) + ", order size " + risk.minOrderSize().toPlainString()
                + " to " + risk.maxOrderSize().toPlainString() + ", max order value " + risk.maxOrderValue().toPlainString()
                + " USDT, max position value " + risk.maxPositionValue().toPlainString() + " USDT, max position share "
                + risk.maxPositionShare().toPlainString() + ", max leverage " + risk.maxLeverage().toPlainString()
                + ", max risk per trade " + risk.maxRiskPerTrade().toPlainString() + ", max daily loss "
                + risk.maxDailyLoss().toPlainString() + ", max open positions " + risk.maxOpenPositions());
        lines.add("quote rate: 1 " + instrument.quote() + " = " + quoteRate.toPlainString() + " USDT");
        return lines;
    }
}
