package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/** No valid credentials: unknown session, expired token, wrong secret or signature. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Unauthorized extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public Unauthorized(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "unauthorized";
    }
}
