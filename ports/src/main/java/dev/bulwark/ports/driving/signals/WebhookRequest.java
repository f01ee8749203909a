package dev.bulwark.ports.driving.signals;

import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One webhook as the door received it, unparsed: the bot id from the URL, the secret from the URL path (or null), the
 * {@code X-Bulwark-Signature} header (or null), the raw body and its content type. The body's own {@code secret}
 * field is read by the use case (and stripped before the body is kept). Never printed whole: it may hold a secret.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record WebhookRequest(String botId, @Nullable String pathSecret, @Nullable String signature, String body,
                             @Nullable String contentType, @Nullable String ip) {
    public WebhookRequest {
        Objects.requireNonNull(botId, "botId");
        Objects.requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "WebhookRequest[bot=" + botId + ", bytes=" + body.length() + ", contentType=" + contentType + "]";
    }
}
