package dev.bulwark.adapters.persistence.orders;

import static dev.bulwark.adapters.persistence.jooq.Tables.FILLS;
import static dev.bulwark.adapters.persistence.jooq.Tables.FILL_TOTALS;
import static dev.bulwark.adapters.persistence.jooq.Tables.ORDERS;

import dev.bulwark.adapters.persistence.Db;
import dev.bulwark.adapters.persistence.Jdbc;
import dev.bulwark.adapters.persistence.SqlErrors;
import dev.bulwark.adapters.persistence.jooq.tables.records.FillsRecord;
import dev.bulwark.adapters.persistence.jooq.tables.records.OrdersRecord;
import dev.bulwark.adapters.persistence.market.Columns;
import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.domain.market.OrderSide;
import dev.bulwark.domain.money.Asset;
import dev.bulwark.domain.money.Decimals;
import dev.bulwark.domain.money.Money;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.orders.OrderSize;
import dev.bulwark.domain.orders.OrderStatus;
import dev.bulwark.domain.orders.OrderType;
import dev.bulwark.domain.orders.TimeInForce;
import dev.bulwark.domain.orders.TrailingOffset;
import dev.bulwark.domain.venues.VenueAccountId;
import dev.bulwark.ports.driven.orders.FillTotal;
import dev.bulwark.ports.driven.orders.Orders;
import dev.bulwark.ports.errors.Conflict;
import dev.bulwark.ports.errors.NotFound;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Orders and fills in SQL. Sizes and trailing offsets, which are sealed types in the domain, are stored as a kind
 * and an amount. An update is a compare-and-set on the whole mutable state the caller read (see
 * {@link Orders#update}), so it needs no version column the domain does not know about.
 */
public final class JooqOrders implements Orders {
    /** Venues' trade ids are numbers or UUIDs; 128 leaves room without letting a bad report grow a row. */
    static final int MAX_TRADE_ID_LENGTH = 128;

    /** The statuses of an order still open at its venue, as SQL literals. */
    private static final String OPEN = Stream.of(OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED)
            .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));

    private static final Field<?>[] ORDER_COLUMNS = ORDERS.fields();
    private static final String COLUMN_LIST = Arrays.stream(ORDER_COLUMNS).map(Field::getName)
            .collect(Collectors.joining(", "));
    private static final String SELECT_ORDER = "select " + COLUMN_LIST + " from orders";
    /** An order, when its account is the workspace's. */
    private static final String INSERT_ORDER = "insert into orders (" + COLUMN_LIST + ") select "
            + Jdbc.marks(ORDER_COLUMNS.length)
            + " where exists (select 1 from venue_accounts where id = ? and workspace_id = ?)";
    /** A compare-and-set of an order's status, fills and last change. */
    private static final String UPDATE_ORDER = "update orders set status = ?, filled_quantity = ?, average_fill_price = ?,"
            + " updated_at = ? where id = ? and workspace_id = ? and status = ? and filled_quantity = ?"
            + " and average_fill_price is not distinct from ? and updated_at = ?";
    /**
     * A fill, taking its account from its order (none when the order is not the workspace's), once per trade id, and
     * in the same statement added to its account's totals of its day (UTC) when it was new: answers 1 then, else 0.
     */
    private static final String ADD_FILL_PG = "with added as (insert into fills (order_id, trade_id, workspace_id,"
            + " account_id, base, quote, market, side, price, quantity, fee_amount, fee_asset, executed_at)"
            + " select ?, ?, ?, account_id, ?, ?, ?, ?, ?, ?, ?, ?, ? from orders where id = ? and workspace_id = ?"
            + " on conflict (order_id, trade_id) do nothing returning account_id), kept as (insert into fill_totals"
            + " (workspace_id, account_id, trade_day, base, quote, market, side, quantity, notional, fills)"
            + " select ?, account_id, ?, ?, ?, ?, ?, ?, ?, 1 from added on conflict (account_id, trade_day, base, quote,"
            + " market, side) do update set quantity = fill_totals.quantity + excluded.quantity,"
            + " notional = fill_totals.notional + excluded.notional, fills = fill_totals.fills + 1 returning 1)"
            + " select count(*) from added";
    private final Db db;

    public JooqOrders(Db db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    @Override
    public void save(WorkspaceId workspace, Order order) {
        Objects.requireNonNull(order, "order");
        OrdersRecord record = toRecord(workspace, order);
        Object[] values = new Object[ORDER_COLUMNS.length + 2];
        for (int i = 0; i < ORDER_COLUMNS.length; i++) {
            values[i] = record.get(ORDER_COLUMNS[i]);
        }
        values[ORDER_COLUMNS.length] = order.account().value();
        values[ORDER_COLUMNS.length + 1] = workspace.value();
        try {
            // the account check in the same statement: an account of another workspace (or none) inserts nothing
            int inserted = db.jdbc().update(INSERT_ORDER, values);
            if (inserted == 0) {
                throw new NotFound("venue account " + order.account() + " not found");
            }
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new Conflict("order " + order.id() + " exists already, or account " + order.account()
                        + " has an order with client order id " + order.clientOrderId());
            }
            throw SqlErrors.translate(e);
        }
    }

    @Override
    public void update(WorkspaceId workspace, Order expected, Order updated) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(updated, "updated");
        requireSameOrder(expected, updated);
        int written = db.jdbc().update(UPDATE_ORDER, updated.status().name(),
                Columns.exact(updated.filledQuantity(), "filledQuantity"),
                Columns.exactOrNull(updated.averageFillPrice(), "averageFillPrice"), updated.updatedAt(),
                expected.id().value(), workspace.value(), expected.status().name(), expected.filledQuantity(),
                expected.averageFillPrice(), expected.updatedAt());
        if (written == 0) {
            if (db.ctx().fetchExists(ORDERS, owned(workspace, expected.id()))) {
                throw new Conflict("order " + expected.id() + " changed since it was read; read it again");
            }
            throw notFound(expected.id());
        }
    }

    @Override
    public Optional<Order> find(WorkspaceId workspace, OrderId id) {
        return db.jdbc().queryOne(SELECT_ORDER + " where id = ? and workspace_id = ?", JooqOrders::toOrder, id.value(),
                workspace.value());
    }

    @Override
    public Optional<Order> findByClientOrderId(WorkspaceId workspace, VenueAccountId account, ClientOrderId clientOrderId) {
        return db.jdbc().queryOne(SELECT_ORDER + " where workspace_id = ? and account_id = ? and client_order_id = ?",
                JooqOrders::toOrder, workspace.value(), account.value(), clientOrderId.value());
    }

    @Override
    public List<Order> listOpen(WorkspaceId workspace, VenueAccountId account) {
        return db.jdbc().query(SELECT_ORDER + " where workspace_id = ? and account_id = ? and status in (" + OPEN
                + ") order by created_at, id", JooqOrders::toOrder, workspace.value(), account.value());
    }

    @Override
    public boolean addFill(WorkspaceId workspace, Fill fill) {
        Objects.requireNonNull(fill, "fill");
        if (fill.tradeId().length() > MAX_TRADE_ID_LENGTH) {
            throw new IllegalArgumentException("a trade id is at most " + MAX_TRADE_ID_LENGTH + " characters");
        }
        Columns.exact(fill.price(), "price");
        Columns.exact(fill.quantity(), "quantity");
        Columns.exact(fill.fee().amount(), "fee");
        int inserted;
        try {
            // one statement: the fill takes its account from its order (none when the order is not the workspace's),
            // and ON CONFLICT DO NOTHING rather than a caught violation: a failed statement would abort the caller's
            // PostgreSQL transaction, and a duplicate fill is an expected, harmless event
            inserted = db.jdbc().postgres() ? addFillWithTotals(workspace, fill) : insertFill(workspace, fill);
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false; // a concurrent writer recorded the same fill first (H2 merges without a lock)
            }
            throw SqlErrors.translate(e);
        }
        if (inserted > 0) {
            if (!db.jdbc().postgres()) {
                addToTotals(workspace, fill); // on PostgreSQL, the same statement did
            }
            return true;
        }
        // nothing inserted: the fill is recorded already, or the order is not the workspace's (rare: read to say which)
        if (!db.ctx().fetchExists(ORDERS, owned(workspace, fill.orderId()))) {
            throw notFound(fill.orderId());
        }
        return false;
    }

    private int addFillWithTotals(WorkspaceId workspace, Fill fill) {
        BigDecimal notional = fill.price().multiply(fill.quantity()).setScale(Columns.SCALE, RoundingMode.HALF_EVEN);
        return db.jdbc().queryOne(ADD_FILL_PG, rs -> rs.getInt(1), fill.orderId().value(), fill.tradeId(),
                workspace.value(), fill.instrument().base().code(), fill.instrument().quote().code(),
                fill.instrument().market().name(), fill.side().name(), fill.price(), fill.quantity(), fill.fee().amount(),
                fill.fee().asset().code(), fill.time(), fill.orderId().value(), workspace.value(), workspace.value(),
                fill.time().atOffset(ZoneOffset.UTC).toLocalDate(), fill.instrument().base().code(),
                fill.instrument().quote().code(), fill.instrument().market().name(), fill.side().name(), fill.quantity(),
                notional).orElse(0);
    }

    /** H2's form of {@link #ADD_FILL_PG}'s fill: jOOQ writes its ON CONFLICT as the MERGE H2 runs. */
    private int insertFill(WorkspaceId workspace, Fill fill) {
        return db.ctx().insertInto(FILLS, FILLS.ORDER_ID, FILLS.TRADE_ID, FILLS.WORKSPACE_ID, FILLS.ACCOUNT_ID,
                        FILLS.BASE, FILLS.QUOTE, FILLS.MARKET, FILLS.SIDE, FILLS.PRICE, FILLS.QUANTITY,
                        FILLS.FEE_AMOUNT, FILLS.FEE_ASSET, FILLS.EXECUTED_AT)
                .select(DSL.select(DSL.val(fill.orderId().value()), DSL.val(fill.tradeId()),
                                DSL.val(workspace.value()), ORDERS.ACCOUNT_ID,
                                DSL.val(fill.instrument().base().code()), DSL.val(fill.instrument().quote().code()),
                                DSL.val(fill.instrument().market().name()), DSL.val(fill.side().name()),
                                DSL.val(fill.price(), FILLS.PRICE), DSL.val(fill.quantity(), FILLS.QUANTITY),
                                DSL.val(fill.fee().amount(), FILLS.FEE_AMOUNT), DSL.val(fill.fee().asset().code()),
                                DSL.val(Columns.utc(fill.time()), FILLS.EXECUTED_AT))
                        .from(ORDERS)
                        .where(owned(workspace, fill.orderId())))
                .onConflict(FILLS.ORDER_ID, FILLS.TRADE_ID)
                .doNothing()
                .execute();
    }

    @Override
    public List<Fill> fills(WorkspaceId workspace, OrderId order) {
        return db.ctx().selectFrom(FILLS)
                .where(FILLS.WORKSPACE_ID.eq(workspace.value()))
                .and(FILLS.ORDER_ID.eq(order.value()))
                .orderBy(FILLS.EXECUTED_AT, FILLS.TRADE_ID)
                .fetch(JooqOrders::toFill);
    }

    @Override
    public List<Fill> recentFills(WorkspaceId workspace, VenueAccountId account, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, was " + limit);
        }
        return db.ctx().selectFrom(FILLS)
                .where(FILLS.WORKSPACE_ID.eq(workspace.value()))
                .and(FILLS.ACCOUNT_ID.eq(account.value()))
                .orderBy(FILLS.EXECUTED_AT.desc(), FILLS.ORDER_ID.desc(), FILLS.TRADE_ID.desc())
                .limit(limit)
                .fetch(JooqOrders::toFill);
    }

    @Override
    public List<FillTotal> fillTotals(WorkspaceId workspace, VenueAccountId account, Instant since) {
        Objects.requireNonNull(since, "since");
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        if (from.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return keptTotals(workspace, List.of(account), from).get(account); // whole UTC days: the kept totals
        }
        var quantity = DSL.sum(FILLS.QUANTITY);
        var notional = DSL.sum(FILLS.PRICE.mul(FILLS.QUANTITY));
        var count = DSL.count();
        return db.ctx().select(FILLS.BASE, FILLS.QUOTE, FILLS.MARKET, FILLS.SIDE, quantity, notional, count)
                .from(FILLS)
                .where(FILLS.WORKSPACE_ID.eq(workspace.value()))
                .and(FILLS.ACCOUNT_ID.eq(account.value()))
                .and(FILLS.EXECUTED_AT.ge(since.atOffset(ZoneOffset.UTC)))
                .groupBy(FILLS.BASE, FILLS.QUOTE, FILLS.MARKET, FILLS.SIDE)
                .orderBy(FILLS.BASE, FILLS.QUOTE, FILLS.MARKET, FILLS.SIDE)
                .fetch(r -> new FillTotal(Columns.instrument(r.value1(), r.value2(), r.value3()),
                        OrderSide.valueOf(r.value4()), Decimals.normalize(r.value5()), Decimals.normalize(r.value6()),
                        r.value7()));
    }

    /** From the start of a UTC day: the kept totals of every account asked for, in one query. */
    @Override
    public Map<VenueAccountId, List<FillTotal>> fillTotalsOf(WorkspaceId workspace, Collection<VenueAccountId> accounts,
                                                             Instant since) {
        Objects.requireNonNull(since, "since");
        OffsetDateTime from = since.atOffset(ZoneOffset.UTC);
        List<VenueAccountId> ids = accounts.stream().distinct().toList();
        if (!from.toLocalTime().equals(LocalTime.MIDNIGHT) || ids.isEmpty()) {
            return Orders.super.fillTotalsOf(workspace, ids, since);
        }
        return keptTotals(workspace, ids, from);
    }

    /** The totals kept per UTC day, instrument and side, of each of {@code ids} from the day {@code from} starts on. */
    private Map<VenueAccountId, List<FillTotal>> keptTotals(WorkspaceId workspace, List<VenueAccountId> ids,
                                                            OffsetDateTime from) {
        Map<VenueAccountId, List<FillTotal>> totals = new LinkedHashMap<>();
        ids.forEach(id -> totals.put(id, new ArrayList<>()));
        Object[] values = new Object[ids.size() + 2];
        values[0] = workspace.value();
        values[1] = from.toLocalDate();
        for (int i = 0; i < ids.size(); i++) {
            values[i + 2] = ids.get(i).value();
        }
        db.jdbc().query("select account_id, base, quote, market, side, sum(quantity), sum(notional), sum(fills) from"
                + " fill_totals where workspace_id = ? and trade_day >= ? and account_id in (" + Jdbc.marks(ids.size())
                + ") group by account_id, base, quote, market, side order by account_id, base, quote, market, side",
                r -> totals.get(new VenueAccountId(Jdbc.uuid(r, "account_id"))).add(new FillTotal(
                        Columns.instrument(r.getString(2), r.getString(3), r.getString(4)), OrderSide.valueOf(r.getString(5)),
                        Decimals.normalize(r.getBigDecimal(6)), Decimals.normalize(r.getBigDecimal(7)), r.getInt(8))),
                values);
        return totals;
    }

    /**
     * H2: adds a fill just stored to its account's totals of the day (UTC): one upsert, in the caller's transaction.
     * The notional is kept to 18 decimal places (the column's scale), rounded half-even.
     */
    private void addToTotals(WorkspaceId workspace, Fill fill) {
        BigDecimal notional = fill.price().multiply(fill.quantity()).setScale(Columns.SCALE, RoundingMode.HALF_EVEN);
        try {
            // on H2, a concurrent first fill of the same day can race it; the retry adds to the row that one wrote
            db.upsert(() -> upsertTotals(workspace, fill, notional));
        } catch (DataAccessException e) {
            throw SqlErrors.translate(e);
        }
    }

    private int upsertTotals(WorkspaceId workspace, Fill fill, BigDecimal notional) {
        // jOOQ writes the ON CONFLICT as the MERGE H2 runs
        return db.ctx().insertInto(FILL_TOTALS, FILL_TOTALS.WORKSPACE_ID, FILL_TOTALS.ACCOUNT_ID, FILL_TOTALS.TRADE_DAY,
                        FILL_TOTALS.BASE, FILL_TOTALS.QUOTE, FILL_TOTALS.MARKET, FILL_TOTALS.SIDE,
                        FILL_TOTALS.QUANTITY, FILL_TOTALS.NOTIONAL, FILL_TOTALS.FILLS)
                .select(DSL.select(DSL.val(workspace.value()), ORDERS.ACCOUNT_ID,
                                DSL.val(fill.time().atOffset(ZoneOffset.UTC).toLocalDate()),
                                DSL.val(fill.instrument().base().code()), DSL.val(fill.instrument().quote().code()),
                                DSL.val(fill.instrument().market().name()), DSL.val(fill.side().name()),
                                DSL.val(fill.quantity(), FILL_TOTALS.QUANTITY), DSL.val(notional, FILL_TOTALS.NOTIONAL),
                                DSL.val(1))
                        .from(ORDERS)
                        .where(owned(workspace, fill.orderId())))
                .onConflict(FILL_TOTALS.ACCOUNT_ID, FILL_TOTALS.TRADE_DAY, FILL_TOTALS.BASE, FILL_TOTALS.QUOTE,
                        FILL_TOTALS.MARKET, FILL_TOTALS.SIDE)
                .doUpdate()
                .set(FILL_TOTALS.QUANTITY, FILL_TOTALS.QUANTITY.plus(DSL.excluded(FILL_TOTALS.QUANTITY)))
                .set(FILL_TOTALS.NOTIONAL, FILL_TOTALS.NOTIONAL.plus(DSL.excluded(FILL_TOTALS.NOTIONAL)))
                .set(FILL_TOTALS.FILLS, FILL_TOTALS.FILLS.plus(1))
                .execute();
    }

    private static Condition owned(WorkspaceId workspace, OrderId id) {
        return ORDERS.ID.eq(id.value()).and(ORDERS.WORKSPACE_ID.eq(workspace.value()));
    }

    private static NotFound notFound(OrderId id) {
        return new NotFound("order " + id + " not found");
    }

    /** Only status, fills and updatedAt change; anything else differing means the caller mixed up two orders. */
    private static void requireSameOrder(Order expected, Order updated) {
        boolean same = expected.id().equals(updated.id())
                && expected.clientOrderId().equals(updated.clientOrderId())
                && expected.account().equals(updated.account())
                && expected.instrument().equals(updated.instrument())
                && expected.side() == updated.side()
                && expected.type() == updated.type()
                && expected.size().equals(updated.size())
                && Objects.equals(expected.limitPrice(), updated.limitPrice())
                && Objects.equals(expected.stopPrice(), updated.stopPrice())
                && Objects.equals(expected.trailing(), updated.trailing())
                && expected.timeInForce() == updated.timeInForce()
                && expected.createdAt().equals(updated.createdAt());
        if (!same) {
            throw new IllegalArgumentException("an update changes only the status, fills and updatedAt of order "
                    + expected.id() + "; the rest of the order must stay as it was");
        }
    }

    private static OrdersRecord toRecord(WorkspaceId workspace, Order order) {
        OrdersRecord r = new OrdersRecord();
        r.setId(order.id().value());
        r.setWorkspaceId(workspace.value());
        r.setAccountId(order.account().value());
        r.setClientOrderId(order.clientOrderId().value());
        r.setBase(order.instrument().base().code());
        r.setQuote(order.instrument().quote().code());
        r.setMarket(order.instrument().market().name());
        r.setSide(order.side().name());
        r.setOrderType(order.type().name());
        switch (order.size()) {
            case OrderSize.OfQuantity(BigDecimal quantity) -> {
                r.setSizeKind(SizeKind.QUANTITY.name());
                r.setSizeAmount(Columns.exact(quantity, "quantity"));
            }
            case OrderSize.OfQuoteAmount(BigDecimal amount) -> {
                r.setSizeKind(SizeKind.QUOTE_AMOUNT.name());
                r.setSizeAmount(Columns.exact(amount, "quote amount"));
            }
        }
        r.setLimitPrice(Columns.exactOrNull(order.limitPrice(), "limitPrice"));
        r.setStopPrice(Columns.exactOrNull(order.stopPrice(), "stopPrice"));
        switch (order.trailing()) {
            case null -> {
                r.setTrailingKind(null);
                r.setTrailingAmount(null);
            }
            case TrailingOffset.ByAmount(BigDecimal amount) -> {
                r.setTrailingKind(TrailingKind.AMOUNT.name());
                r.setTrailingAmount(Columns.exact(amount, "trailing amount"));
            }
            case TrailingOffset.ByPercent(BigDecimal percent) -> {
                r.setTrailingKind(TrailingKind.PERCENT.name());
                r.setTrailingAmount(Columns.exact(percent, "trailing percent"));
            }
        }
        r.setTimeInForce(order.timeInForce().name());
        r.setStatus(order.status().name());
        r.setFilledQuantity(Columns.exact(order.filledQuantity(), "filledQuantity"));
        r.setAverageFillPrice(Columns.exactOrNull(order.averageFillPrice(), "averageFillPrice"));
        r.setCreatedAt(Columns.utc(order.createdAt()));
        r.setUpdatedAt(Columns.utc(order.updatedAt()));
        return r;
    }

    private static Order toOrder(ResultSet r) throws SQLException {
        BigDecimal sizeAmount = r.getBigDecimal("size_amount");
        OrderSize size = switch (SizeKind.valueOf(r.getString("size_kind"))) {
            case QUANTITY -> OrderSize.quantity(sizeAmount);
            case QUOTE_AMOUNT -> OrderSize.quoteAmount(sizeAmount);
        };
        return new Order(
                new OrderId(Jdbc.uuid(r, "id")),
                new ClientOrderId(r.getString("client_order_id")),
                new VenueAccountId(Jdbc.uuid(r, "account_id")),
                Columns.instrument(r.getString("base"), r.getString("quote"), r.getString("market")),
                OrderSide.valueOf(r.getString("side")),
                OrderType.valueOf(r.getString("order_type")),
                size,
                r.getBigDecimal("limit_price"),
                r.getBigDecimal("stop_price"),
                trailing(r.getString("trailing_kind"), r.getBigDecimal("trailing_amount")),
                TimeInForce.valueOf(r.getString("time_in_force")),
                OrderStatus.valueOf(r.getString("status")),
                r.getBigDecimal("filled_quantity"),
                r.getBigDecimal("average_fill_price"),
                Jdbc.instant(r, "created_at"),
                Jdbc.instant(r, "updated_at"));
    }

    private static @Nullable TrailingOffset trailing(@Nullable String kind, @Nullable BigDecimal amount) {
        if (kind == null || amount == null) {
            return null;
        }
        return switch (TrailingKind.valueOf(kind)) {
            case AMOUNT -> new TrailingOffset.ByAmount(amount);
            case PERCENT -> new TrailingOffset.ByPercent(amount);
        };
    }

    private static Fill toFill(FillsRecord r) {
        return new Fill(
                r.getTradeId(),
                new OrderId(r.getOrderId()),
                Columns.instrument(r.getBase(), r.getQuote(), r.getMarket()),
                OrderSide.valueOf(r.getSide()),
                r.getPrice(),
                r.getQuantity(),
                new Money(r.getFeeAmount(), new Asset(r.getFeeAsset())),
                r.getExecutedAt().toInstant());
    }

    /** The {@code size_kind} column: which of the domain's sizes the amount is. */
    private enum SizeKind {
        QUANTITY,
        QUOTE_AMOUNT
    }

    /** The {@code trailing_kind} column: which of the domain's trailing offsets the amount is. */
    private enum TrailingKind {
        AMOUNT,
        PERCENT
    }
}
