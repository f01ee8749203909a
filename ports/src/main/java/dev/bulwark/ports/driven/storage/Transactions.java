package dev.bulwark.ports.driven.storage;

import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * A unit of work: every store called inside {@code work}, on this thread, writes in one transaction, committed
 * when {@code work} returns and rolled back when it throws (the exception is rethrown unchanged). A nested call
 * joins the transaction already open.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
