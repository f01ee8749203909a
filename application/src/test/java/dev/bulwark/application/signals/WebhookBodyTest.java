package dev.bulwark.application.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.ports.driven.system.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookBodyTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"secret\":\"s\",\"a\":1,\"b\":2}|{\"a\":1,\"b\":2}",
            "{\"a\":1, \"secret\" : \"s\" ,\"b\":2}|{\"a\":1, \"b\":2}",
            "{\"a\":1,\"b\":2,\"secret\":\"s\"}|{\"a\":1,\"b\":2}",
            "{ \"secret\":\"s\" }|{  }",
            "{\"Secret\":\"s\",\"a\":{\"secret\":\"nested stays\"}}|{\"a\":{\"secret\":\"nested stays\"}}"})
    void theSecretMemberIsCutWithItsSeparator(String body, String kept) {
        WebhookBody read = WebhookBody.read(body, "application/json");
        assertThat(read.problems()).isEmpty();
        assertThat(read.secret()).isEqualTo("s");
        assertThat(read.kept()).isEqualTo(kept);
        assertThat(read.fields()).doesNotContainKey("secret");
    }

    @Test
    void stringsAreDecodedAndNestedValuesKeptAsText() {
        WebhookBody read = WebhookBody.read("{\"action\":\"b\\u0075y\",\"n\":[1,{\"x\":null}],\"q\":-1.5e2,\"ok\":true}", null);
        assertThat(read.problems()).isEmpty();
        assertThat(read.fields().get("action").value()).isEqualTo("buy");
        assertThat(read.fields().get("n")).isEqualTo(new WebhookBody.Field("n", "[1,{\"x\":null}]", false));
        assertThat(read.fields().get("q")).isEqualTo(new WebhookBody.Field("q", "-1.5e2", true));
        assertThat(read.fields().get("ok").scalar()).isFalse();
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}";
        assertThat(WebhookBody.read(deep, null).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("nested deeper"));
        String fine = "{\"a\":" + "[".repeat(10) + "]".repeat(10) + "}";
        assertThat(WebhookBody.read(fine, null).problems()).isEmpty();
    }

    @Test
    void namesMatchWithoutCaseOrSeparators() {
        WebhookBody read = WebhookBody.read("stop_loss=1 Take-Profit=2 ORDERID=x", "text/plain");
        assertThat(read.fields()).containsKeys("stoploss", "takeprofit", "orderid");
        assertThat(WebhookBody.read("{\"stop_loss\":1,\"stopLoss\":2}", null).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("given twice"));
    }

    @Test
    void aMalformedBodyNamesAPositionNeverTheContent() {
        WebhookBody read = WebhookBody.read("{\"secret\":\"hunter2\" \"a\":1}", "application/json");
        assertThat(read.secret()).isNull();
        assertThat(read.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("body");
            assertThat(p.message()).contains("character 21").doesNotContain("hunter2");
        });
    }

    @Test
    void theCacheExpiresEntriesAndDropsTheLeastRecentlyUsed() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
        TimeSource clock = now::get;
        ExpiringCache<String, Integer> cache = new ExpiringCache<>(2, Duration.ofSeconds(60), clock);
        AtomicInteger computed = new AtomicInteger();

        cache.get("a", k -> computed.incrementAndGet());
        cache.get("b", k -> computed.incrementAndGet());
        cache.get("a", k -> computed.incrementAndGet()); // a hit: a is now the most recent
        cache.get("c", k -> computed.incrementAndGet()); // b leaves
        assertThat(computed).hasValue(3);
        assertThat(cache.size()).isEqualTo(2);
        cache.get("a", k -> computed.incrementAndGet());
        assertThat(computed).hasValue(3);
        cache.get("b", k -> computed.incrementAndGet());
        assertThat(computed).hasValue(4);

        now.set(Instant.EPOCH.plusSeconds(60));
        cache.get("b", k -> computed.incrementAndGet());
        assertThat(computed).hasValue(5);
    }
}
