package dev.bulwark.host.vertx.http;

import io.vertx.core.http.HttpMethod;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of the API: method, path (Vert.x form, {@code :id} parameters), what it is for, whether it needs a
 * principal, the command record its body binds to, what it answers and with which status. The one table of these
 * both registers the routes and writes the OpenAPI document, so the two cannot drift apart.
 *
 * @param response the record (or element record, with {@code list}) answered; null for no content
 */
record Operation(HttpMethod method, String path, String tag, String summary, boolean authenticated,
                 @Nullable Class<? extends Record> body, @Nullable Class<?> response, boolean list, int status,
                 Action action) {

    /** What runs, on a virtual thread, once the caller is authenticated and the body bound and validated. */
    @FunctionalInterface
    interface Action {
        @Nullable Object run(Call call);
    }

    Operation {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(action, "action");
    }

    static Builder op(HttpMethod method, String path, String tag, String summary) {
        return new Builder(method, path, tag, summary);
    }

    static final class Builder {
        private final HttpMethod method;
        private final String path;
        private final String tag;
        private final String summary;
        private boolean authenticated = true;
        private @Nullable Class<? extends Record> body;
        private @Nullable Class<?> response;
        private boolean list;
        private int status = 200;

        private Builder(HttpMethod method, String path, String tag, String summary) {
            this.method = method;
            this.path = path;
            this.tag = tag;
            this.summary = summary;
        }

        Builder open() {
            this.authenticated = false;
            return this;
        }

        Builder body(Class<? extends Record> type) {
            this.body = type;
            return this;
        }

        Builder answers(Class<?> type) {
            this.response = type;
            return this;
        }

        Builder answersListOf(Class<?> type) {
            this.response = type;
            this.list = true;
            return this;
        }

        Builder status(int status) {
            this.status = status;
            return this;
        }

        Operation does(Action action) {
            return new Operation(method, path, tag, summary, authenticated, body, response, list,
                    response == null && status == 200 ? 204 : status, action);
        }
    }
}
