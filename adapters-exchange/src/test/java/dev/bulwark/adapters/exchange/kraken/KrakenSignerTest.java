package dev.bulwark.adapters.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.marketdata.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KrakenSignerTest {
    /**
     * Kraken's published example (docs.kraken.com/api/docs/guides/spot-rest-auth): a limit buy of 1.25 XBTUSD at
     * 37500, byte for byte.
     */
    static final String DOC_SECRET = "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
    static final String DOC_NONCE = "1616492376594";
    static final String DOC_BODY = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25";
    static final String DOC_PATH = "/0/private/AddOrder";
    static final String DOC_SIGNATURE = "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==";

    @Test
    void reproducesKrakensPublishedSignatureByteForByte() {
        assertThat(KrakenSigner.of(DOC_SECRET).sign(DOC_PATH, DOC_NONCE, DOC_BODY)).isEqualTo(DOC_SIGNATURE);
    }

    @Test
    void anyChangeToPathNonceOrBodyChangesTheSignature() {
        KrakenSigner signer = KrakenSigner.of(DOC_SECRET);
        assertThat(signer.sign("/0/private/Balance", DOC_NONCE, DOC_BODY)).isNotEqualTo(DOC_SIGNATURE);
        assertThat(signer.sign(DOC_PATH, "1616492376595", DOC_BODY)).isNotEqualTo(DOC_SIGNATURE);
        assertThat(signer.sign(DOC_PATH, DOC_NONCE, DOC_BODY.replace("1.25", "1.26"))).isNotEqualTo(DOC_SIGNATURE);
    }

    @Test
    void aSecretThatIsNotBase64IsRefusedWithoutBeingQuoted() {
        assertThatThrownBy(() -> KrakenSigner.of("not base64 %%% secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain("%%%");
        assertThat(KrakenSigner.of(DOC_SECRET).toString()).doesNotContain(DOC_SECRET).contains("***");
    }

    @Test
    void noncesIncreaseStrictlyWhenTheClockStandsStillOrStepsBack() {
        MutableClock clock = new MutableClock("2026-11-21T10:00:00Z");
        KrakenNonces nonces = new KrakenNonces(clock);
        long first = nonces.next();
        assertThat(first).isEqualTo(Instant.parse("2026-11-21T10:00:00Z").getEpochSecond() * 1_000_000L);
        long second = nonces.next();
        clock.set(Instant.parse("2026-11-21T09:00:00Z")); // an NTP step back of an hour
        long third = nonces.next();
        clock.advance(Duration.ofHours(2));
        long fourth = nonces.next();
        assertThat(List.of(first, second, third, fourth)).isSorted().doesNotHaveDuplicates();
        assertThat(fourth).isEqualTo(Instant.parse("2026-11-21T11:00:00Z").getEpochSecond() * 1_000_000L);
    }

    @Test
    void concurrentCallersNeverShareANonce() throws Exception {
        MutableClock clock = new MutableClock("2026-11-21T10:00:00Z");
        KrakenNonces nonces = new KrakenNonces(clock);
        Set<Long> seen = Collections.synchronizedSet(new HashSet<>());
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (thread == 0 && i % 100 == 0) {
                            clock.advance(Duration.ofMillis(i % 200 == 0 ? -5 : 3));
                        }
                        assertThat(seen.add(nonces.next())).isTrue();
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(seen).hasSize(32_000);
    }
}
