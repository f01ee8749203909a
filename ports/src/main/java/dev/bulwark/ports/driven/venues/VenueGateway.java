package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.market.Instrument;
import dev.bulwark.domain.market.TradingRules;
import dev.bulwark.domain.orders.ClientOrderId;
import dev.bulwark.domain.orders.Fill;
import dev.bulwark.domain.orders.Order;
import dev.bulwark.domain.orders.OrderId;
import dev.bulwark.domain.portfolio.Holding;
import dev.bulwark.domain.positions.Position;
import dev.bulwark.domain.venues.VenueAccountId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One connected venue account: what the application reads from and sends to a venue. Opened by
 * {@link VenueProvider#connect}, one per account.
 *
 * <p><b>Lifecycle.</b> connect, use, close. The gateway may open connections lazily on first use. The caller that
 * connected it owns it and closes it when the account is disconnected or the runtime stops; {@link #close()}
 * releases its connections and threads, is idempotent, and waits for nothing the venue does. After it, every method
 * but {@link #capabilities()} and {@code close} throws {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> A gateway is thread-safe: many workers (virtual threads) call one gateway at once. Every call
 * blocks the calling thread until it has an answer or its timeout ends, and never hands back a future or a
 * reactive type. The gateway keeps to the venue's {@linkplain VenueDescriptor#rateLimits() rate limits} across all
 * its callers (limits counted per IP across all gateways of its provider), by waiting briefly or by throwing
 * {@link dev.bulwark.ports.errors.RateLimited}. It keeps no static mutable state.
 *
 * <p><b>Failures.</b> What the venue states is a result: a refused order is a {@link PlacementResult.Rejected},
 * an unknown order an empty answer. Thrown are only the failures of the {@code ports.errors} family:
 * <ul>
 *   <li>{@link dev.bulwark.ports.errors.Unauthorized}: a key the venue does not (or no longer) accept: an answer,
 *       not an outage, so it never opens the circuit breaker ({@link #checkCredentials()} says why).</li>
 *   <li>{@link dev.bulwark.ports.errors.VenueUnavailable}: no answer, a timeout, a 5xx, an answer that cannot be
 *       read. For a request that was sent, the outcome is <em>unknown</em>;</li>
 *   <li>{@link dev.bulwark.ports.errors.RateLimited}: the venue throttled us and said the request was not
 *       processed, with the name of the {@link RateLimit} and when to try again.</li>
 * </ul>
 * Vendor exceptions, HTTP codes and wire formats never cross this interface.
 *
 * <p><b>Capabilities.</b> {@link #capabilities()} says what this account can do; each {@link VenueCapability} says
 * what the gateway answers without it. No method throws "not implemented".
 *
 * <p><b>Identity.</b> Orders and fills are matched to the application's by their {@link ClientOrderId}, unique per
 * account. The venue does not know our {@link OrderId}s, so every {@link Order} and {@link Fill} a gateway reports
 * carries {@link #orderIdOf orderIdOf(account, clientOrderId)}: the same id on every call and after every restart.
 * An order placed outside Bulwark without a client order id is reported under one the gateway makes from the
 * venue's own order id. Reported orders belong to the connection's account; instruments are venue-neutral
 * ({@code BTC/USDT}), the venue's symbols stay inside the adapter.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface VenueGateway extends AutoCloseable {

    /** What this account can do on the venue: the descriptor's capabilities or fewer. Constant for the gateway. */
    Set<VenueCapability> capabilities();

    /**
     * The account's balances, one {@link Holding} per wallet and asset with anything in it, free and locked apart.
     * Empty without {@link VenueCapability#BALANCES}.
     */
    List<Holding> balances();

    /**
     * The positions open on the venue, as it reports them: signed quantity, cost basis (entry price × |quantity|),
     * realized P&amp;L of the open position if the venue keeps it (else zero), leverage. Empty without
     * {@link VenueCapability#POSITIONS}.
     */
    List<Position> positions();

    /** The account's working orders, for one instrument or, with {@code null}, for all. */
    List<Order> openOrders(@Nullable Instrument instrument);

    /**
     * Places an order.
     *
     * <p>The gateway first refuses, without sending anything, what the venue or account does not support (see
     * {@link VenueDescriptor#unsupported}), as {@link PlacementResult.Rejected#UNSUPPORTED}. Then it sends the
     * request once. It never retries a placement itself: a retry is the caller's decision, made as below.
     *
     * <p><b>Unknown outcomes.</b> When this throws {@link dev.bulwark.ports.errors.VenueUnavailable}, the request
     * may or may not have reached the venue, and the order may be working. Before <em>any</em> retry the caller
     * must call {@link #findByClientOrderId} with the request's client order id: if the venue has the order, that is
     * the outcome and nothing is sent again; only if it has none may the same request (same client order id) be
     * sent again. Some venues reject a repeated client order id only while the first order is open, so sending
     * blindly could place the order twice. A {@link PlacementResult.Rejected#DUPLICATE_CLIENT_ORDER_ID} answer is
     * resolved the same way. {@link dev.bulwark.ports.errors.RateLimited} means the venue did not process the
     * request: the same request may be sent after the delay it names.
     *
     * @return {@link PlacementResult.Placed} with the order as the venue acknowledged it, or
     *     {@link PlacementResult.Rejected} with the venue's or the gateway's reason
     */
    PlacementResult place(OrderRequest request);

    /**
     * Places a take-profit and a stop-loss linked one-cancels-other, when the account has {@link VenueCapability#OCO}.
     * Sent once and never retried by the gateway, like {@link #place}; after a
     * {@link dev.bulwark.ports.errors.VenueUnavailable} look either leg up with {@link #findByClientOrderId} before
     * anything is sent again. Without the capability (the default) nothing is sent and the answer is
     * {@link OcoResult.Rejected} with {@link PlacementResult.Rejected#UNSUPPORTED}: the caller watches the pair itself.
     */
    default OcoResult placeOco(OcoRequest request) {
        Objects.requireNonNull(request, "request");
        return new OcoResult.Rejected(PlacementResult.Rejected.UNSUPPORTED, "this venue has no native OCO orders");
    }

    /**
     * Both legs of a pair {@link #placeOco} placed, looked up together: how an unknown outcome of {@code placeOco} is
     * resolved and how the pair's state is followed. The default looks each leg up by its own client order id, which
     * suits venues that keep each leg under its own id (Binance's order lists). A venue that keeps the pair as one
     * order under one client id (a parent and its leg, an algo order) overrides this, and {@link #cancelOco}, to find
     * the pair from either leg's id and answer each leg under the id it was given.
     */
    default OcoLegs findOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
        return new OcoLegs(findByClientOrderId(instrument, takeProfit), findByClientOrderId(instrument, stopLoss));
    }

    /**
     * Cancels both legs of a pair {@link #placeOco} placed and answers them as the venue has them afterwards (a leg
     * that filled meanwhile answers filled). The default cancels each leg by its own id; a leg the venue does not
     * know, or refuses to cancel, answers empty. After a {@link dev.bulwark.ports.errors.VenueUnavailable} read the
     * pair with {@link #findOco}.
     */
    default OcoLegs cancelOco(Instrument instrument, ClientOrderId takeProfit, ClientOrderId stopLoss) {
        return new OcoLegs(cancel(instrument, takeProfit).orderAfter(), cancel(instrument, stopLoss).orderAfter());
    }

    /**
     * Cancels a working order. Cancelling twice is harmless: the second answer is
     * {@link CancelResult.AlreadyFinal}. After a {@link dev.bulwark.ports.errors.VenueUnavailable} the cancel may
     * or may not have happened: read the order with {@link #findByClientOrderId}.
     */
    CancelResult cancel(Instrument instrument, ClientOrderId clientOrderId);

    /**
     * The order with this client order id, working or ended, as long as the venue keeps it; empty when the venue
     * has none. This is how an unknown outcome is resolved. Venues may index a new order a moment after accepting
     * it, so an empty answer right after a timeout proves little: a caller waits a few seconds before it believes
     * one (the application's retry backoff does).
     */
    Optional<Order> findByClientOrderId(Instrument instrument, ClientOrderId clientOrderId);

    /**
     * The account's fills in one instrument at or after {@code since}, oldest first; the gateway pages through the
     * venue's limits itself. A fill reported twice keeps its trade id, so callers can recognise it. Empty without
     * {@link VenueCapability#FILLS}.
     */
    List<Fill> fills(Instrument instrument, Instant since);

    /**
     * What the venue accepts for the instrument (tick, lot step, minimums), which the caller fits orders to with
     * {@link TradingRules#fit}. Gateways may cache these for minutes: venues change them rarely.
     *
     * @throws dev.bulwark.ports.errors.NotFound when the venue does not list the instrument
     */
    TradingRules rules(Instrument instrument);

    /**
     * The last traded price of the instrument, in its quote asset; empty when the venue does not list it, has no
     * trade yet, or without {@link VenueCapability#PRICES}.
     */
    Optional<BigDecimal> price(Instrument instrument);

    /**
     * Asks the venue whether it accepts the credentials and what they may do. A refused key is an answer (see
     * {@link CredentialCheck}); with {@link VenueCapability#PERMISSIONS} the permissions include
     * {@link dev.bulwark.domain.venues.Permission#WITHDRAW} whenever the key has it.
     */
    CredentialCheck checkCredentials();

    /** Releases the gateway's connections and threads; idempotent; never throws a checked exception. */
    @Override
    void close();

    /**
     * The id every gateway reports an order of {@code account} with {@code clientOrderId} under: a name-based
     * UUID (version 3) of both, the same wherever and whenever it is computed. It can never equal an id from the
     * {@link dev.bulwark.ports.driven.system.IdGenerator} (version 7). The application may give its own orders
     * this id, or keep its own and match on the client order id.
     */
    static OrderId orderIdOf(VenueAccountId account, ClientOrderId clientOrderId) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        String name = "bulwark-order:" + account.value() + ":" + clientOrderId.value();
        return new OrderId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
