package dev.bulwark.adapters.persistence.accounts;

import dev.bulwark.adapters.persistence.Database;
import dev.bulwark.domain.accounts.PasswordHash;
import dev.bulwark.domain.accounts.User;
import dev.bulwark.domain.accounts.UserId;
import dev.bulwark.domain.accounts.WorkspaceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Test data for the account stores, and a race of threads released at once. */
final class AccountFixtures {
    static final PasswordHash HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG");
    static final PasswordHash OTHER_HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$AAAAAAAAAAAAAAAAAAAAAA");

    private AccountFixtures() {
    }

    /** A stored user owning {@code personal}, with a unique email. */
    static User newUser(Database database, WorkspaceId personal, Instant at) {
        UserId id = new UserId(UUID.randomUUID());
        User user = new User(id, "user-" + id + "@example.com", HASH, personal, at, at);
        new JooqUsers(database.db()).create(user);
        return user;
    }

    /** Hex SHA-256 of a text: what the server stores for a token or a backup code. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code task} on {@code threads} threads that all wait at a latch and start together, so they really
     * contend; returns each thread's result (or its exception, as the value).
     */
    static List<Object> race(int threads, Callable<?> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return task.call();
                    } catch (Exception e) {
                        return e;
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get(60, TimeUnit.SECONDS));
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
