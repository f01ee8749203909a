package dev.bulwark.ports.driving.signals;

import org.apiguardian.api.API;

/**
 * The webhook's use case: authenticate the bot (the URL secret, the body's {@code secret} field, or an HMAC-SHA256
 * signature {@code t=<unix seconds>,v1=<hex>} over {@code t + "." + body} within 5 minutes; compared in constant
 * time), apply the bot's rate limit (10 a minute) and the workspace's daily quota (by plan), parse the body (JSON or
 * TradingView's text; {@code action} and {@code symbol} required; symbols normalized per venue), derive the
 * idempotency key (the sender's {@code orderId} for 24 hours, else the body for 60 seconds), and store the signal
 * with its processing job in one transaction. Only then does it answer.
 *
 * <p>Failures: {@link dev.bulwark.ports.errors.NotFound} for an unknown bot or a wrong secret (the same answer, in
 * about the same time); {@link dev.bulwark.ports.errors.Unauthorized} for a signature outside its window;
 * {@link dev.bulwark.ports.errors.Invalid} for a body that cannot be understood (field errors);
 * {@link dev.bulwark.ports.errors.RateLimited} naming the limit. Every request, accepted or not, is recorded with its
 * outcome, never with the secret. A signal for a bot that is not active is accepted and recorded as IGNORED.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface ReceiveSignals {
    WebhookAck receive(WebhookRequest request);
}
