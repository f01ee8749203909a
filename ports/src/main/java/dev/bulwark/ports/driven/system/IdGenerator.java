package dev.bulwark.ports.driven.system;

import java.util.UUID;
import org.apiguardian.api.API;

/**
 * Fresh ids: UUIDv7 in production (time-ordered, so index inserts stay local and ids sort by creation).
 * Implementations are thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
@FunctionalInterface
public interface IdGenerator {
    UUID newId();
}
