package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/** The thing asked for does not exist for this principal. Another workspace's rows are reported the same way, so ids cannot be probed. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class NotFound extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "not-found";
    }
}
