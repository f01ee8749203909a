package dev.bulwark.application.signals;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.bots.Bot;
import dev.bulwark.domain.bots.PositionSizer;
import dev.bulwark.domain.bots.PositionSizing;
import dev.bulwark.domain.bots.SizingResult;
import dev.bulwark.domain.market.Fit;
import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.portfolio.PriceTable;
import dev.bulwark.domain.portfolio.Rate;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.risk.AccountRiskProfile;
import dev.bulwark.domain.risk.Exposure;
import dev.bulwark.domain.risk.OrderIntent;
import dev.bulwark.domain.risk.RiskDecision;
import dev.bulwark.domain.risk.RiskEngine;
import dev.bulwark.domain.risk.RiskProfile;
import dev.bulwark.domain.risk.RiskRule;
import dev.bulwark.domain.risk.Violation;
import dev.bulwark.domain.signals.Signal;
import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.jobs.ClaimedJob;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.driven.venues.OrderRequest;
import dev.bulwark.ports.driven.venues.PlacementResult;
import dev.bulwark.ports.driven.venues.VenueCapability;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unavailable;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One attempt at one signal: decide (size, fit, risk), place under the signal's one client order id, record. Every
 * step can be repeated by a later attempt without a second order: the decided order is stored NEW before anything
 * is sent, so a retry places exactly that order (same id, same quantity) instead of deciding again, and asks the
 * venue for it first.
 */
final class SignalRun {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int MAX_BALANCE_DETAILS = 20;

    private final ProcessingPorts ports;
    private final Bookkeeping book;
    private final ClaimedJob job;
    private final Signal signal;
    private final Bot bot;
    private final VenueAccount account;
    /** The account's risk profile; null while it uses the defaults. */
    private final @Nullable AccountRiskProfile accountProfile;
    private final VenueGateway gateway;
    private final Instrument instrument;
    private final Action action;
    private final WorkspaceId workspace;
    private final AccountBooks books;
    /** The order {@link #prepare} stored or found, for {@link #complete} to send. */
    private @Nullable Order order;
    /** Whether {@link #order} was stored by an earlier attempt (so may be at the venue already). */
    private boolean found;

    SignalRun(ProcessingPorts ports, Bookkeeping book, ClaimedJob job, Signal signal, Bot bot, VenueAccount account,
              @Nullable AccountRiskProfile accountProfile, VenueGateway gateway, Instrument instrument, Action action, AccountBooks books) {
        this.ports = ports;
        this.books = books;
        this.book = book;
        this.job = job;
        this.signal = signal;
        this.bot = bot;
        this.account = account;
        this.accountProfile = accountProfile;
        this.gateway = gateway;
        this.instrument = instrument;
        this.action = action;
        this.workspace = signal.workspace();
    }

    /** The decision this attempt came to; a transient failure (venue down, throttled, no price) is thrown. */
    Outcome run() {
        Optional<Outcome> early = prepare();
        return early.isPresent() ? early.get() : complete();
    }

    /**
     * Up to the send: the order stored by an earlier attempt, or decided now and stored NEW (in the transaction open
     * on this thread, if one is: a batch's, see {@link SignalProcessor}). An outcome when there is nothing to send
     * (nothing to close, refused by risk); empty when {@link #complete} is to send the order.
     */
    Optional<Outcome> prepare() {
        ClientOrderId clientOrderId = ClientOrderIds.entry(signal.id());
        // a signal that never moved has had no attempt commit anything: its order, if any, is stored in the
        // transaction that first moves it, so there is nothing to look up
        Optional<Order> stored = signal.updatedAt() == null ? Optional.empty()
                : ports.orders().findByClientOrderId(workspace, account.id(), clientOrderId);
        if (stored.isPresent()) {
            order = stored.get();
            found = true;
            return Optional.empty();
        }
        Decided decided = decide(clientOrderId);
        if (decided.outcome() != null) {
            return Optional.of(decided.outcome());
        }
        order = java.util.Objects.requireNonNull(decided.order());
        return Optional.empty();
    }

    /** The account and instrument whose position this run's recording locks, as text that sorts them. */
    String lockOrder() {
        return account.id().value() + " " + instrument.market() + " " + instrument.symbol();
    }

    /** After {@link #prepare} left an order: sends it (once), records what the venue answered, protects it. */
    Outcome complete() {
        Order order = java.util.Objects.requireNonNull(this.order, "prepare() left no order to complete");
        if (order.status() == OrderStatus.NEW) {
            if (action == Action.CLOSE || (action == Action.SELL && !instrument.market().allowsShort())) {
                // protective orders would sell what this order sells (and lock it on spot): they go first
                new Protection(ports, book, gateway).cancelAll(workspace, account, instrument);
            }
            Placement placement = place(order, found || job.attempt() > 1, Protection.wanted(signal, bot, action));
            if (placement.rejection() != null) {
                return Outcome.rejected(placement.rejection());
            }
            order = java.util.Objects.requireNonNull(placement.order());
        } else {
            Order before = order;
            order = tx(() -> {
                book.recordFills(workspace, before, gateway);
                return before;
            });
        }
        if (order.status() == OrderStatus.REJECTED || order.status() == OrderStatus.FAILED) {
            return Outcome.rejected("the venue did not take the order (" + order.status() + ")");
        }
        new Protection(ports, book, gateway).protect(signal, bot, order, action);
        if (order.filledQuantity().signum() == 0) {
            return Outcome.completed("placed; nothing filled yet (" + order.status() + ")");
        }
        return Outcome.completed(null);
    }

    // ------------------------------------------------------------------------------------------------- deciding

    private record Decided(@Nullable Order order, @Nullable Outcome outcome) {
    }

    private Decided decide(ClientOrderId clientOrderId) {
        // the account's open positions, read once: what this instrument holds, and how many are open for the risk check
        List<Position> open = books.openPositions(workspace, account.id());
        BigDecimal held = open.stream().filter(p -> p.instrument().equals(instrument)).map(Position::quantity)
                .findFirst().orElse(BigDecimal.ZERO);
        @Nullable BigDecimal wantedQuantity = number(signal.quantity(), "quantity");
        @Nullable BigDecimal signalPrice = number(signal.price(), "price");
        @Nullable BigDecimal signalStop = number(signal.stopLoss(), "stopLoss");
        number(signal.takeProfit(), "takeProfit"); // refused now rather than after the order is placed

        Map<String, String> sized = new LinkedHashMap<>();
        sized.put("action", action.name().toLowerCase(java.util.Locale.ROOT));
        sized.put("instrument", instrument.symbol());
        sized.put("market", instrument.market().name());
        sized.put("account", account.id().value().toString());
        sized.put("environment", account.environment().name());
        sized.put("configVersion", Integer.toString(bot.configVersion()));
        sized.put("held", held.toPlainString());
        putIfSet(sized, "signal.quantity", wantedQuantity);
        putIfSet(sized, "signal.price", signalPrice);
        putIfSet(sized, "signal.stopLoss", signalStop);

        if (action == Action.CLOSE && held.signum() == 0) {
            sized.put("explanation", "nothing open in " + instrument.symbol() + " to close");
            book.step(workspace, signal.id(), "sized", sized); // written with the decision
            return new Decided(null, Outcome.completed("nothing open in " + instrument.symbol() + " to close"));
        }
        boolean spot = !instrument.market().allowsShort();
        if (action == Action.SELL && spot && held.signum() <= 0) {
            throw new Refusal("no shorting on spot: nothing of " + instrument.base().code() + " is held in this"
                    + " bot's account to sell");
        }

        TradingRules rules = rules();
        sized.put("rules.tickSize", rules.tickSize().toPlainString());
        sized.put("rules.lotStep", rules.lotStep().toPlainString());
        sized.put("rules.minQuantity", rules.minQuantity().toPlainString());
        putIfSet(sized, "rules.maxQuantity", rules.maxQuantity());
        sized.put("rules.minNotional", rules.minNotional().toPlainString());

        Priced priced = price(signalPrice);
        BigDecimal price = priced.price();
        sized.put("price", price.toPlainString());
        sized.put("priceSource", priced.source());

        List<Holding> balances = gateway.balances();
        Valuation valuation = value(balances, price);
        int shown = 0;
        for (Holding holding : balances) {
            if (shown++ < MAX_BALANCE_DETAILS) {
                sized.put("balance." + holding.kind().name().toLowerCase(java.util.Locale.ROOT) + "." + holding.asset().code(),
                        holding.free().toPlainString() + " free, " + holding.locked().toPlainString() + " locked");
            }
        }
        sized.put("equity", valuation.equity().toPlainString() + " " + instrument.quote().code());
        sized.put("quoteRate", valuation.quoteRate().toPlainString());
        if (!valuation.unpriced().isEmpty()) {
            sized.put("unpriced", String.join(",", valuation.unpriced()));
        }

        OrderSide side;
        BigDecimal quantity;
        boolean reducing;
        String how;
        if (action == Action.CLOSE || (action == Action.SELL && spot)) {
            side = action == Action.CLOSE ? (held.signum() > 0 ? OrderSide.SELL : OrderSide.BUY) : OrderSide.SELL;
            BigDecimal cap = held.abs();
            if (spot) {
                cap = cap.min(free(balances, instrument.base()));
            }
            BigDecimal wanted = action == Action.CLOSE || wantedQuantity == null ? held.abs() : wantedQuantity;
            if (cap.signum() <= 0) {
                throw new Refusal("nothing of " + instrument.base().code() + " is free to sell in this bot's account");
            }
            quantity = fitted(side, wanted, price, cap, rules, "the " + action.name().toLowerCase(java.util.Locale.ROOT)
                    + " of " + wanted.toPlainString() + " (" + cap.toPlainString() + " held)");
            reducing = true;
            how = (action == Action.CLOSE ? "closing " : "selling ") + quantity.toPlainString() + " of "
                    + held.abs().toPlainString() + " held";
        } else {
            side = action == Action.BUY ? OrderSide.BUY : OrderSide.SELL;
            if (signalStop != null && !protective(side, signalStop, price)) {
                throw new Refusal("the stop " + signalStop.toPlainString() + " of a " + side + " at "
                        + price.toPlainString() + " lies " + (side == OrderSide.BUY ? "at or above" : "at or below")
                        + " the price and would limit no loss");
            }
            if (wantedQuantity != null) {
                quantity = fitted(side, wantedQuantity, price, null, rules, "the signal's quantity "
                        + wantedQuantity.toPlainString());
                how = "the signal's quantity " + wantedQuantity.toPlainString() + ", on the lot step: "
                        + quantity.toPlainString();
            } else {
                PositionSizer sizer = PositionSizer.of(bot, profile());
                switch (sizer.size(side, valuation.equity(), price, signalStop, rules)) {
                    case SizingResult.Sized s -> {
                        quantity = s.quantity();
                        how = s.explanation();
                    }
                    case SizingResult.Unsizable u -> throw new Refusal(u.reason());
                }
            }
            reducing = false;
        }
        sized.put("sizing", describe(bot.sizing()));
        sized.put("side", side.name());
        sized.put("quantity", quantity.toPlainString());
        sized.put("explanation", how);

        @Nullable BigDecimal riskStop = reducing ? null : signalStop != null ? signalStop : percentStop(side, price);
        OrderIntent intent = new OrderIntent(instrument, side, quantity, price, riskStop, BigDecimal.ONE,
                account.environment(), valuation.quoteRate());
        Exposure exposure = exposure(valuation, held, open.size());
        RiskProfile profile = profile();
        RiskDecision decision = new RiskEngine(profile).evaluate(intent, exposure);
        Map<String, String> risk = riskDetails(profile, intent, exposure, decision);
        // which limits: re-running the decision needs the account's profile version as well as the bot's configVersion
        risk.put("accountRiskProfileVersion", accountProfile == null ? "0 (defaults)" : Integer.toString(accountProfile.version()));

        ClientOrderId id = clientOrderId;
        OrderRequest request = request(side, quantity, id);
        Order order = request.toNewOrder(account.id(), book.now());
        book.step(workspace, signal.id(), "sized", sized);
        book.step(workspace, signal.id(), "risk", risk);
        if (decision instanceof RiskDecision.Rejected rejected) {
            // written with the decision, in one transaction
            return new Decided(null, Outcome.rejected("risk: " + String.join("; ",
                    rejected.violations().stream().map(Violation::reason).toList())));
        }
        // the order is stored (with what was collected so far) before it is sent: a crash after the send finds it,
        // and its insert is this attempt's claim on the client order id (a second attempt's insert conflicts)
        book.txBeforeSend(() -> book.saveNew(workspace, order));
        return new Decided(order, null);
    }

    /** The limits of this order: the account's risk profile (the defaults while it has none), tightened by the bot's. */
    private RiskProfile profile() {
        RiskProfile limits = accountProfile == null ? RiskProfile.defaults() : accountProfile.limits();
        return bot.risk().on(limits, instrument.symbol());
    }

    private Exposure exposure(Valuation valuation, BigDecimal held, int openPositions) {
        BigDecimal rate = valuation.quoteRate();
        BigDecimal equity = Decimals.normalize(valuation.equity().multiply(rate));
        BigDecimal dailyPnl = Decimals.normalize(valuation.dailyPnl().multiply(rate));
        int open = openPositions;
        if (held.signum() != 0) {
            open = Math.max(open, 1);
        }
        return new Exposure(equity, Decimals.normalize(equity.subtract(dailyPnl)), dailyPnl, open, held);
    }

    private static Map<String, String> riskDetails(RiskProfile profile, OrderIntent intent, Exposure exposure,
            RiskDecision decision) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("decision", decision.isApproved() ? "approved" : "rejected");
        details.put("input.side", intent.side().name());
        details.put("input.quantity", intent.quantity().toPlainString());
        details.put("input.price", intent.price().toPlainString());
        putIfSet(details, "input.stopPrice", intent.stopPrice());
        details.put("input.leverage", intent.leverage().toPlainString());
        details.put("input.quoteRate", intent.quoteRate().toPlainString());
        details.put("input.environment", intent.environment().name());
        details.put("input.orderValue", intent.value().toPlainString());
        details.put("exposure.equity", exposure.equity().toPlainString());
        details.put("exposure.dayStartEquity", exposure.dayStartEquity().toPlainString());
        details.put("exposure.dailyPnl", exposure.dailyPnl().toPlainString());
        details.put("exposure.openPositions", Integer.toString(exposure.openPositions()));
        details.put("exposure.positionQuantity", exposure.positionQuantity().toPlainString());
        Map<RiskRule, String> limits = new LinkedHashMap<>();
        limits.put(RiskRule.SYMBOL_WHITELIST, profile.symbolWhitelist().isEmpty() ? "(empty)"
                : String.join(",", profile.symbolWhitelist()));
        limits.put(RiskRule.MIN_ORDER_SIZE, profile.minOrderSize().toPlainString());
        limits.put(RiskRule.MAX_ORDER_SIZE, profile.maxOrderSize().toPlainString());
        limits.put(RiskRule.MAX_ORDER_VALUE, profile.maxOrderValue().toPlainString());
        limits.put(RiskRule.MAX_POSITION_VALUE, profile.maxPositionValue().toPlainString());
        limits.put(RiskRule.MAX_POSITION_SHARE, profile.maxPositionShare().toPlainString());
        limits.put(RiskRule.MAX_LEVERAGE, profile.maxLeverage().toPlainString());
        limits.put(RiskRule.MAX_RISK_PER_TRADE, profile.maxRiskPerTrade().toPlainString());
        limits.put(RiskRule.MAX_DAILY_LOSS, profile.maxDailyLoss().toPlainString());
        limits.put(RiskRule.MAX_OPEN_POSITIONS, Integer.toString(profile.maxOpenPositions()));
        Set<RiskRule> checked = new HashSet<>();
        Map<RiskRule, Violation> broken = new LinkedHashMap<>();
        switch (decision) {
            case RiskDecision.Approved approved -> checked.addAll(approved.checked());
            case RiskDecision.Rejected rejected -> rejected.violations().forEach(v -> broken.put(v.rule(), v));
        }
        for (RiskRule rule : RiskRule.values()) {
            String key = "rule." + rule.name();
            details.put(key + ".limit", limits.get(rule));
            Violation violation = broken.get(rule);
            if (violation != null) {
                details.put(key + ".result", "broken");
                details.put(key + ".actual", violation.actual() == null ? "n/a" : violation.actual().toPlainString());
                details.put(key + ".reason", violation.reason());
            } else if (decision.isApproved()) {
                details.put(key + ".result", checked.contains(rule) ? "passed" : "not applicable");
            } else {
                details.put(key + ".result", "not broken");
            }
        }
        return details;
    }

    // ------------------------------------------------------------------------------------------------ placing

    private record Placement(@Nullable Order order, @Nullable String rejection) {
    }

    /**
     * Sends the stored NEW order once, or finds that an earlier attempt did: when {@code mayExist}, the venue is asked
     * for the client order id first and the order is claimed before it is sent (the order this attempt just stored
     * is claimed by its insert), and after an unknown outcome the venue is asked again before the attempt gives up.
     * What the venue answered is recorded in a transaction of its own when {@code recordNow} (protective orders read
     * the position it moves), else with the attempt's decision.
     */
    private Placement place(Order stored, boolean mayExist, boolean recordNow) {
        Optional<Order> atVenue = mayExist ? gateway.findByClientOrderId(instrument, stored.clientOrderId()) : Optional.empty();
        String how = "sent";
        Order reported;
        List<Fill> answered = List.of(); // the fills the venue gave with its answer, if any
        Order order = stored;
        if (atVenue.isPresent()) {
            reported = atVenue.get();
            how = "found at the venue by its client order id (an earlier attempt placed it); not sent again";
        } else {
            order = mayExist ? claimSend(stored) : stored;
            PlacementResult result;
            try {
                result = gateway.place(request(order.side(), quantityOf(order), order.clientOrderId()));
            } catch (VenueUnavailable unknown) {
                Optional<Order> found = lookUp(order.clientOrderId());
                if (found.isEmpty()) {
                    throw unknown;
                }
                result = new PlacementResult.Placed(found.get());
                how = "the venue did not answer; found there by its client order id";
            }
            switch (result) {
                case PlacementResult.Placed placed -> {
                    reported = placed.order();
                    answered = placed.fills();
                }
                case PlacementResult.Rejected rejected when
                        rejected.code().equals(PlacementResult.Rejected.DUPLICATE_CLIENT_ORDER_ID) -> {
                    Optional<Order> found = lookUp(order.clientOrderId());
                    if (found.isEmpty()) {
                        throw new VenueUnavailable(account.venue(), "the venue reports the client order id as taken"
                                + " but does not find it; trying again later", null);
                    }
                    reported = found.get();
                    how = "the venue already had this client order id; recorded what it holds";
                }
                case PlacementResult.Rejected rejected -> {
                    Order refused = order;
                    book.defer(() -> book.move(workspace, refused, OrderStatus.REJECTED)); // with the decision
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("clientOrderId", refused.clientOrderId().value());
                    details.put("code", rejected.code());
                    details.put("reason", rejected.reason());
                    details.put("result", "refused by the venue");
                    book.step(workspace, signal.id(), "placed", details);
                    return new Placement(null, "the venue refused the order: " + rejected.reason()
                            + " (" + rejected.code() + ")");
                }
            }
        }
        String sentHow = how;
        Order sent = order;
        Order expected = Bookkeeping.reportApplied(sent, reported);
        // the fills as the venue answered them when they are all of them; else asked for now (the gateway is closed
        // by the time a deferred recording runs)
        @Nullable List<Fill> fills = sum(answered).compareTo(expected.filledQuantity()) == 0 && !answered.isEmpty()
                ? answered : Bookkeeping.venueFills(expected, gateway);
        if (!recordNow) {
            // recorded with the decision, one transaction later: until then, the order as the venue reported it
            book.defer(() -> record(sent, reported, sentHow, fills));
            return new Placement(expected, null);
        }
        return tx(() -> new Placement(record(sent, reported, sentHow, fills), null));
    }

    private static BigDecimal sum(List<Fill> fills) {
        return fills.stream().map(Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Records the venue's report of the sent order, its fills and the receipt's steps; returns the order as stored. */
    private Order record(Order sent, Order reported, String sentHow, @Nullable List<Fill> atVenue) {
        Order recorded = book.applyReport(workspace, sent, reported);
        List<Fill> fills = book.recordFills(workspace, recorded, atVenue);
        Map<String, String> placed = new LinkedHashMap<>();
        placed.put("clientOrderId", recorded.clientOrderId().value());
        placed.put("orderId", recorded.id().toString());
        placed.put("side", recorded.side().name());
        placed.put("type", recorded.type().name());
        placed.put("quantity", quantityOf(recorded).toPlainString());
        placed.put("status", recorded.status().name());
        placed.put("attempt", Integer.toString(job.attempt()));
        placed.put("how", sentHow);
        book.step(workspace, signal.id(), "placed", placed);
        if (recorded.filledQuantity().signum() > 0) {
            Map<String, String> filled = new LinkedHashMap<>();
            filled.put("filledQuantity", recorded.filledQuantity().toPlainString());
            putIfSet(filled, "averagePrice", recorded.averageFillPrice());
            filled.put("fills", Integer.toString(fills.size()));
            filled.put("status", recorded.status().name());
            book.step(workspace, signal.id(), "filled", filled);
        }
        return recorded;
    }

    /** The venue's record of the id, or empty when it has none or cannot answer now. */
    private Optional<Order> lookUp(ClientOrderId id) {
        try {
            return gateway.findByClientOrderId(instrument, id);
        } catch (VenueUnavailable | dev.bulwark.ports.errors.RateLimited e) {
            return Optional.empty();
        }
    }

    private OrderRequest request(OrderSide side, BigDecimal quantity, ClientOrderId id) {
        boolean reduceOnly = action == Action.CLOSE && instrument.market().allowsShort();
        return new OrderRequest(instrument, side, dev.bulwark.domain.orders.OrderType.MARKET,
                OrderSize.quantity(quantity), null, null, null, dev.bulwark.domain.orders.TimeInForce.IOC, id,
                reduceOnly, null);
    }

    static BigDecimal quantityOf(Order order) {
        return switch (order.size()) {
            case OrderSize.OfQuantity q -> q.quantity();
            case OrderSize.OfQuoteAmount a -> throw new IllegalArgumentException("signal orders are sized by quantity");
        };
    }

    // ------------------------------------------------------------------------------------------------ inputs

    private record Priced(BigDecimal price, String source) {
    }

    private Priced price(@Nullable BigDecimal signalPrice) {
        if (gateway.capabilities().contains(VenueCapability.PRICES)) {
            Optional<BigDecimal> last = gateway.price(instrument);
            if (last.isPresent()) {
                return new Priced(last.get(), "venue last price");
            }
        }
        Optional<BigDecimal> market = ports.market().lastPrice(instrument).map(q -> q.price());
        if (market.isPresent()) {
            return new Priced(market.get(), "market data last price");
        }
        if (signalPrice != null) {
            return new Priced(signalPrice, "the signal's price (no market price)");
        }
        throw new Unavailable("no price for " + instrument.symbol() + " right now");
    }

    private TradingRules rules() {
        try {
            return gateway.rules(instrument);
        } catch (NotFound e) {
            throw new Refusal("the venue does not list " + instrument.symbol() + " on " + instrument.market());
        }
    }

    private record Valuation(BigDecimal equity, BigDecimal quoteRate, BigDecimal dailyPnl, List<String> unpriced) {
    }

    /**
     * The account's equity in the instrument's quote asset (every balance at the market, the instrument's base at
     * {@code price}); the quote's rate to USDT; and today's P&amp;L of the account's fills since 00:00 UTC, marked
     * to the market (proceeds minus costs plus what they left held, valued now).
     */
    private Valuation value(List<Holding> balances, BigDecimal price) {
        Asset quote = instrument.quote();
        Instant dayStart = book.now().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<FillTotal> today = books.fillTotals(workspace, account.id(), dayStart);
        Set<Asset> assets = new TreeSet<>();
        assets.add(quote);
        assets.add(Asset.USDT);
        balances.forEach(h -> assets.add(h.asset()));
        today.forEach(t -> {
            assets.add(t.instrument().base());
            assets.add(t.instrument().quote());
        });
        PriceTable table = ports.market().prices(assets).table();
        List<String> unpriced = new java.util.ArrayList<>();
        BigDecimal equity = BigDecimal.ZERO;
        for (Holding holding : balances) {
            Optional<BigDecimal> rate = rateIn(table, holding.asset(), price);
            if (rate.isPresent()) {
                equity = equity.add(holding.total().multiply(rate.get()));
            } else {
                unpriced.add(holding.asset().code());
            }
        }
        BigDecimal pnl = BigDecimal.ZERO;
        for (FillTotal total : today) {
            Optional<BigDecimal> quoteRate = rateIn(table, total.instrument().quote(), price);
            Optional<BigDecimal> baseRate = total.instrument().equals(instrument) ? Optional.of(price.multiply(
                    rateIn(table, total.instrument().quote(), price).orElse(BigDecimal.ZERO)))
                    : rateIn(table, total.instrument().base(), price);
            if (quoteRate.isEmpty() || baseRate.isEmpty()) {
                continue;
            }
            // a buy costs its notional and leaves the base, worth the base's price now; a sell the reverse
            // (linear in each fill, so the day's totals per instrument and side give the same sum as every fill)
            BigDecimal cash = total.notional().multiply(quoteRate.get());
            BigDecimal held = total.quantity().multiply(baseRate.get());
            pnl = pnl.add(total.side() == OrderSide.BUY ? held.subtract(cash) : cash.subtract(held));
        }
        BigDecimal quoteRate = table.rate(quote, Asset.USDT).map(Rate::value)
                .orElseThrow(() -> new Unavailable("no rate from " + quote.code() + " to USDT right now"));
        return new Valuation(Decimals.normalize(equity), quoteRate, Decimals.normalize(pnl), unpriced);
    }

    /** What one {@code asset} is worth in the instrument's quote asset. */
    private Optional<BigDecimal> rateIn(PriceTable table, Asset asset, BigDecimal price) {
        if (asset.equals(instrument.base())) {
            return Optional.of(price);
        }
        return table.rate(asset, instrument.quote()).map(Rate::value);
    }

    private static BigDecimal free(List<Holding> balances, Asset asset) {
        return balances.stream().filter(h -> h.asset().equals(asset)).map(Holding::free)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal fitted(OrderSide side, BigDecimal wanted, BigDecimal price, @Nullable BigDecimal held,
            TradingRules rules, String what) {
        return switch (rules.fit(side, wanted, price, held)) {
            case Fit.Fitted fitted -> fitted.quantity();
            case Fit.Unfittable refusal -> throw new Refusal(what + " does not fit the venue's rules: "
                    + refusal.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (limit "
                    + refusal.limit().toPlainString() + ", actual " + refusal.actual().toPlainString() + ")");
        };
    }

    private @Nullable BigDecimal percentStop(OrderSide side, BigDecimal price) {
        BigDecimal percent = bot.risk().stopLossPercent();
        if (percent == null) {
            return null;
        }
        BigDecimal distance = price.multiply(percent).divide(HUNDRED, Decimals.DIVISION_SCALE, RoundingMode.DOWN);
        return Decimals.normalize(side == OrderSide.BUY ? price.subtract(distance) : price.add(distance));
    }

    private static boolean protective(OrderSide side, BigDecimal stop, BigDecimal price) {
        return side == OrderSide.BUY ? stop.compareTo(price) < 0 : stop.compareTo(price) > 0;
    }

    /** A signal's number, or null when absent; a value that is not a positive number is refused. */
    static @Nullable BigDecimal number(@Nullable String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        BigDecimal value;
        try {
            value = new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw new Refusal("the signal's " + name + " '" + (raw.length() > 30 ? raw.substring(0, 30) + "…" : raw.strip())
                    + "' is not a number");
        }
        if (value.signum() <= 0) {
            throw new Refusal("the signal's " + name + " must be positive, was " + value.toPlainString());
        }
        if (value.precision() - value.scale() > 20 || value.scale() > 18) {
            throw new Refusal("the signal's " + name + " has more digits than an amount can hold");
        }
        return Decimals.normalize(value);
    }

    private static String describe(PositionSizing sizing) {
        return switch (sizing) {
            case PositionSizing.FixedQuote q -> "fixed quote amount " + q.amount().toPlainString();
            case PositionSizing.PercentOfEquity p -> p.percent().toPlainString() + " % of equity";
            case PositionSizing.FixedUnits u -> "fixed units " + u.quantity().toPlainString();
        };
    }

    private static void putIfSet(Map<String, String> details, String key, @Nullable BigDecimal value) {
        Bookkeeping.putIfSet(details, key, value);
    }

    /**
     * Claims the stored NEW order for this attempt's send: a compare-and-set of its last change. Two workers can hold
     * one job at once when a lease runs out mid-attempt; both may find nothing at the venue, but only the one whose
     * claim lands sends. The other fails its attempt as transient, and the next attempt asks the venue first.
     */
    private Order claimSend(Order stored) {
        Instant now = ports.time().now();
        // strictly later than the stored change, so the claim is a different state even on a frozen or coarse clock
        Instant at = now.isAfter(stored.updatedAt()) ? now : stored.updatedAt().plusNanos(1_000);
        Order claimed = new Order(stored.id(), stored.clientOrderId(), stored.account(), stored.instrument(), stored.side(),
                stored.type(), stored.size(), stored.limitPrice(), stored.stopPrice(), stored.trailing(),
                stored.timeInForce(), stored.status(), stored.filledQuantity(), stored.averageFillPrice(),
                stored.createdAt(), at);
        try {
            book.txBeforeSend(() -> ports.orders().update(workspace, stored, claimed));
        } catch (Conflict another) {
            throw new VenueUnavailable(account.venue(), "another worker is sending this order; the next attempt asks"
                    + " the venue for it first", null);
        }
        return claimed;
    }

    private <T> T tx(Supplier<T> work) {
        return book.tx(work);
    }

    private void tx(Runnable work) {
        book.tx(work);
    }
}
