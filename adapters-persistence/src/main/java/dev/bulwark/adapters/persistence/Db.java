package dev.bulwark.adapters.persistence;

import dev.bulwark.ports.driven.storage.Transactions;
import java.util.Objects;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * The jOOQ context every store uses, bound to the current transaction when one is open on this thread. This is
 * how several stores write atomically: {@link #inTransaction} binds a transactional context, and each store's
 * {@link #ctx()} picks it up. Outside a transaction each statement commits on its own.
 */
public final class Db implements Transactions {
    private final DSLContext root;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    Db(DSLContext root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    /** The context of the open transaction on this thread, or the auto-committing root. */
    public DSLContext ctx() {
        DSLContext transactional = current.get();
        return transactional != null ? transactional : root;
    }

    public boolean inTransaction() {
        return current.get() != null;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get(); // join the open transaction
        }
        try {
            return root.transactionResult(configuration -> {
                current.set(configuration.dsl());
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (org.jooq.exception.DataAccessException e) {
            throw SqlErrors.translate(e);
        }
    }
}
