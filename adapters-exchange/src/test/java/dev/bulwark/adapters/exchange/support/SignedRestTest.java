package dev.bulwark.adapters.exchange.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.adapters.exchange.testing.SignedFakeVenue;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Reply;
import dev.bulwark.adapters.exchange.testing.SignedFakeVenue.Request;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SignedRestTest {
    static final VenueId VENUE = new VenueId("testex");

    SignedFakeVenue venue;
    SignedRest rest;
    final List<String> signed = new ArrayList<>();

    @BeforeEach
    void start() {
        venue = SignedFakeVenue.start(request -> Optional.empty());
        rest = new SignedRest(VENUE, URI.create(venue.baseUrl() + "/"), HttpClient.newHttpClient(), Duration.ofMillis(500),
                Map.of("locale", "en-US"));
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    SignedRest.Signer recording() {
        return (method, requestPath, query, body) -> {
            signed.add(method + " " + requestPath + " | " + query + " | " + body);
            return Map.of("X-Sign", "sig-of-" + requestPath.length());
        };
    }

    @Test
    void theSignerSeesExactlyTheRequestThatIsSent() {
        venue.on("GET", "/v1/things", Reply.ok("{\"ok\":true}"));
        venue.on("POST", "/v1/orders", Reply.ok("{\"ok\":true}"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("symbol", "BTC/USDT");
        query.put("limit", "10");
        rest.get("/v1/things", query, recording());
        Request get = venue.last();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("qty", "0.5");
        body.put("reduceOnly", true);
        rest.post("/v1/orders", body, recording());
        Request post = venue.last();

        assertThat(signed).containsExactly("GET /v1/things?symbol=BTC%2FUSDT&limit=10 | symbol=BTC%2FUSDT&limit=10 | ",
                "POST /v1/orders |  | {\"qty\":\"0.5\",\"reduceOnly\":true}");
        assertThat(get.rawQuery()).isEqualTo("symbol=BTC%2FUSDT&limit=10");
        assertThat(get.header("X-Sign")).isEqualTo("sig-of-" + "/v1/things?symbol=BTC%2FUSDT&limit=10".length());
        assertThat(get.header("locale")).isEqualTo("en-US");
        assertThat(post.body()).isEqualTo("{\"qty\":\"0.5\",\"reduceOnly\":true}");
        assertThat(post.header("Content-Type")).startsWith("application/json");
        assertThat(post.path()).as("one slash between base and path").isEqualTo("/v1/orders");
    }

    @Test
    void anUnsignedRequestCarriesNoSignature() {
        venue.on("GET", "/v1/public", Reply.ok("{}"));
        rest.get("/v1/public", Map.of(), null);
        assertThat(venue.last().header("X-Sign")).isEmpty();
        assertThat(venue.last().rawQuery()).isEmpty();
    }

    @Test
    void theAnswerKeepsStatusBodyAndANumericRetryAfter() {
        venue.on("GET", "/slow-down", Reply.json(429, "{\"code\":429}").header("Retry-After", "7"));
        SignedRest.Answer answer = rest.get("/slow-down", Map.of(), null);
        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.retryAfter()).contains(Duration.ofSeconds(7));
        venue.on("GET", "/slow-down", Reply.json(429, "{}").header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
        assertThat(rest.get("/slow-down", Map.of(), null).retryAfter()).as("a date is not read as seconds").isEmpty();
    }

    @Test
    void onlyAJsonObjectIsAnAnswerAndItsTextIsNeverQuoted() {
        assertThat(rest.object(new SignedRest.Answer(200, "{\"a\":1.10}", Optional.empty())).path("a").decimalValue())
                .isEqualByComparingTo("1.10");
        for (String body : List.of("[1,2]", "{\"a\":", "<html>secret-page</html>", "{\"a\":1} trailing", "")) {
            assertThatThrownBy(() -> rest.object(new SignedRest.Answer(200, body, Optional.empty())))
                    .isInstanceOfSatisfying(VenueUnavailable.class, e -> assertThat(e.venue()).isEqualTo(VENUE))
                    .hasMessageNotContaining("secret-page");
        }
    }

    @Test
    void noAnswerInTimeIsVenueUnavailable() {
        venue.on("GET", "/late", Reply.ok("{}").after(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> rest.get("/late", Map.of(), null)).isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("within 500 ms");
        SignedRest nowhere = new SignedRest(VENUE, URI.create("http://127.0.0.1:1"), HttpClient.newHttpClient(),
                Duration.ofMillis(500), Map.of());
        assertThatThrownBy(() -> nowhere.get("/x", Map.of(), null)).isInstanceOf(VenueUnavailable.class)
                .hasMessageContaining("could not be reached");
    }
}
