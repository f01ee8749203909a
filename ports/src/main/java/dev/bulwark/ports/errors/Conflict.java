package dev.bulwark.ports.errors;

import org.apiguardian.api.API;

/** The request conflicts with the current state (a duplicate name, a stale version, an illegal state change). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Conflict extends BulwarkException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
        super(message, null);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
