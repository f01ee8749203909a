package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/**
 * A sealed secret cannot be opened: tampered, bound to another owner or subject, or sealed under a key that is
 * no longer configured. Fails closed; the message never contains secret material.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class SecretUnavailable extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public SecretUnavailable(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "secret-unavailable";
    }
}
