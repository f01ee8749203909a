package dev.bulwark.ports.driven.system;

import org.apiguardian.api.API;

/**
 * Where the application hands a failure it did not expect, whole (stack trace included), to the operators: the
 * application has no logger of its own, and what it tells users about such a failure is deliberately generic. A host
 * logs it; it never reaches an answer, a receipt or an event.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface Diagnostics {
    /**
     * @param what where it happened, in words an operator can act on (ids, never secrets)
     * @param error the failure itself
     */
    void unexpected(String what, Throwable error);
}
