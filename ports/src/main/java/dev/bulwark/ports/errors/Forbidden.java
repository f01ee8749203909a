package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/** The principal is known but its role or the resource's state does not allow this. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Forbidden extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "forbidden";
    }
}
