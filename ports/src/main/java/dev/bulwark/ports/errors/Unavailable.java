package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/** A dependency the engine needs (the database, the job queue) cannot be reached now; the request may succeed later. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Unavailable extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "unavailable";
    }
}
