package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import dev.bulwark.host.vertx.testing.ApiClient;
import dev.bulwark.host.vertx.testing.ApiClient.Answer;
import dev.bulwark.host.vertx.testing.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/**
 * The real server (this JVM, a free port, the embedded default database) driven over HTTP as a client would:
 * register, two-factor, sign-in, lockout, sessions and their expiry on an injected clock, CSRF, roles, API keys,
 * venue accounts with credentials checked through a venue adapter, isolation between users, bad bodies, live
 * events, and no secret in any answer or log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiSystemTest {
    private static final AtomicReference<Instant> CLOCK = new AtomicReference<>(Instant.parse("2026-11-21T08:00:00Z"));
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger USERS = new AtomicInteger();
    private static BulwarkRuntime runtime;
    private static BulwarkServer server;
    private static ApiClient api;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(Path.of("target"))).time(CLOCK::get).start();
        server = BulwarkServer.start(runtime, "127.0.0.1", 0);
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        runtime.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private static void advance(Duration duration) {
        CLOCK.updateAndGet(now -> now.plus(duration));
    }

    /** A registered user with a signed-in session. */
    record User(String email, String password, String token, String csrf, String workspace) {
    }

    private static String newEmail() {
        return "trader" + USERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static User registerAndSignIn() {
        String email = newEmail();
        String password = "Tr4ding-" + UUID.randomUUID() + "-desk";
        SECRETS.add(password);
        Answer registered = register(email, password);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return signIn(email, password, null);
    }

    private static Answer register(String email, String password) {
        String setup = runtime.manageAccounts().setupToken().orElse(null);
        JsonObject body = new JsonObject().put("email", email).put("password", password);
        if (setup != null) {
            body.put("setupToken", setup);
        }
        return api.post("/api/v1/accounts", null, body.encode());
    }

    private static User signIn(String email, String password, String code) {
        Answer answer = login(email, password, code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject json = answer.json();
        assertThat(json.getString("status")).isEqualTo("signed-in");
        SECRETS.add(json.getString("token"));
        return new User(email, password, json.getString("token"), json.getString("csrfToken"), json.getString("workspace"));
    }

    private static Answer login(String email, String password, String code) {
        JsonObject body = new JsonObject().put("email", email).put("password", password);
        if (code != null) {
            body.put("secondFactor", code);
        }
        return api.post("/api/v1/sessions", null, body.encode());
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().getString("type")).isEqualTo("https://bulwark.dev/problems/" + type);
        assertThat(answer.json().getString("correlationId")).isNotBlank();
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        JsonArray errors = answer.json().getJsonArray("errors");
        if (errors != null) {
            errors.forEach(e -> fields.add(((JsonObject) e).getString("field")));
        }
        return fields;
    }

    @Test
    @Order(1)
    void theFirstAccountNeedsTheSetupLinkAndLaterOnesDoNot() {
        Answer without = api.post("/api/v1/accounts", null,
                new JsonObject().put("email", newEmail()).put("password", "Correct-Horse-Battery-9").encode());
        assertProblem(without, 400, "invalid");
        assertThat(fields(without)).contains("setupToken");

        String token = runtime.manageAccounts().setupToken().orElseThrow();
        Answer first = api.post("/api/v1/accounts", null, new JsonObject().put("email", newEmail())
                .put("password", "Correct-Horse-Battery-9").put("setupToken", token).encode());
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(runtime.manageAccounts().setupToken()).isEmpty();
        Answer reused = api.post("/api/v1/accounts", null, new JsonObject().put("email", newEmail())
                .put("password", "Correct-Horse-Battery-9").put("setupToken", token).encode());
        assertThat(reused.status()).as("a later account needs no setup token; the spent one does no harm").isEqualTo(201);
    }

    @Test
    @Order(2)
    void registrationRefusesWeakShortAndTakenWithFieldErrors() {
        String email = newEmail();
        assertThat(fields(register(email, "short"))).contains("password");
        Answer weak = register(email, "password1234");
        assertProblem(weak, 400, "invalid");
        assertThat(fields(weak)).containsExactly("password");
        Answer badEmail = register("not-an-email", "Correct-Horse-Battery-9");
        assertThat(fields(badEmail)).contains("email");
        assertThat(register(email, "Correct-Horse-Battery-9").status()).isEqualTo(201);
        assertProblem(register(email.toUpperCase(), "Correct-Horse-Battery-9"), 409, "conflict");
    }

    @Test
    @Order(3)
    void signInAnswersAndMeTellsWhoIsSignedIn() {
        User user = registerAndSignIn();
        Answer me = api.get("/api/v1/me", user.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("email")).isEqualTo(user.email());
        assertThat(me.json().getString("role")).isEqualTo("OWNER");
        assertThat(me.json().getBoolean("twoFactorEnabled")).isFalse();
        assertProblem(api.get("/api/v1/me", null), 401, "unauthorized");
        assertProblem(api.get("/api/v1/me", "bws_not-a-token"), 401, "unauthorized");
    }

    @Test
    @Order(4)
    void wrongPasswordAndUnknownEmailAnswerAlikeAndFiveFailuresLockForFifteenMinutes() {
        User user = registerAndSignIn();
        Answer wrong = login(user.email(), "Wrong-password-123", null);
        Answer unknown = login("nobody-" + UUID.randomUUID() + "@example.com", "Wrong-password-123", null);
        assertProblem(wrong, 401, "unauthorized");
        assertProblem(unknown, 401, "unauthorized");
        assertThat(wrong.json().getString("detail")).isEqualTo(unknown.json().getString("detail"));

        for (int i = 0; i < 3; i++) {
            assertThat(login(user.email(), "Wrong-password-123", null).status()).isEqualTo(401);
        }
        Answer locked = login(user.email(), user.password(), null);
        assertProblem(locked, 429, "rate-limited");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 901L);
        Answer lockedUnknown = login("nobody-" + UUID.randomUUID() + "@example.com", "Wrong-password-123", null);
        assertThat(lockedUnknown.status()).as("the source address is locked too, for any email").isEqualTo(429);

        advance(Duration.ofMinutes(16));
        assertThat(login(user.email(), user.password(), null).status()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void twoFactorEnrollConfirmAndSignInWithCodesEachAcceptedOnce() {
        User user = registerAndSignIn();
        Answer enrolled = api.post("/api/v1/me/two-factor", user.token(),
                new JsonObject().put("password", user.password()).encode());
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        String secret = enrolled.json().getString("secret");
        SECRETS.add(secret);
        assertThat(enrolled.json().getString("otpauthUri")).startsWith("otpauth://totp/");
        assertThat(enrolled.json().getString("qrCode")).startsWith("data:image/png;base64,");

        Answer wrongFirst = api.post("/api/v1/me/two-factor/confirm", user.token(), new JsonObject().put("code",
                "000000".equals(Totp.code(secret, CLOCK.get())) ? "111111" : "000000").encode());
        assertProblem(wrongFirst, 400, "invalid");
        assertThat(fields(wrongFirst)).containsExactly("code");
        Answer confirmed = api.post("/api/v1/me/two-factor/confirm", user.token(),
                new JsonObject().put("code", Totp.code(secret, CLOCK.get())).encode());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        JsonArray codes = confirmed.json().getJsonArray("codes");
        assertThat(codes).hasSize(10);

        advance(Duration.ofSeconds(31));
        Answer needsCode = login(user.email(), user.password(), null);
        assertThat(needsCode.status()).isEqualTo(200);
        assertThat(needsCode.json().getString("status")).isEqualTo("second-factor-required");
        assertThat(needsCode.json().containsKey("token")).isFalse();
        assertProblem(login(user.email(), user.password(), "123456".equals(Totp.code(secret, CLOCK.get())) ? "654321" : "123456"),
                401, "unauthorized");
        String code = Totp.code(secret, CLOCK.get());
        assertThat(login(user.email(), user.password(), code).status()).isEqualTo(200);
        assertProblem(login(user.email(), user.password(), code), 401, "unauthorized"); // a code works once

        String backup = codes.getString(0);
        assertThat(login(user.email(), user.password(), backup).status()).isEqualTo(200);
        assertThat(login(user.email(), user.password(), backup).status()).isEqualTo(401);
        advance(Duration.ofMinutes(16)); // the failures above must not lock the next test's address
    }

    @Test
    @Order(6)
    void sessionsExpireWhenIdleAndAtTheirEndAndAtMostThreeLive() {
        User user = registerAndSignIn();
        User second = signIn(user.email(), user.password(), null);
        User third = signIn(user.email(), user.password(), null);
        User fourth = signIn(user.email(), user.password(), null);
        assertProblem(api.get("/api/v1/me", user.token()), 401, "unauthorized");
        Answer sessions = api.get("/api/v1/sessions", fourth.token());
        assertThat(new JsonArray(sessions.body())).hasSize(3);
        assertThat(api.get("/api/v1/me", second.token()).status()).isEqualTo(200);

        advance(Duration.ofMinutes(31));
        assertProblem(api.get("/api/v1/me", third.token()), 401, "unauthorized");

        User kept = signIn(user.email(), user.password(), null);
        for (int i = 0; i < 24 * 3; i++) { // every 20 minutes for 24 hours: never idle, still ends
            advance(Duration.ofMinutes(20));
            Answer me = api.get("/api/v1/me", kept.token());
            if (me.status() != 200) {
                assertThat(CLOCK.get()).isAfterOrEqualTo(Instant.parse("2026-11-21T08:00:00Z").plus(Duration.ofHours(24)));
                assertProblem(me, 401, "unauthorized");
                return;
            }
        }
        throw new AssertionError("a session outlived its 24 hours");
    }

    @Test
    @Order(7)
    void aCookieSessionNeedsTheCsrfTokenToChangeAnything() throws Exception {
        User user = registerAndSignIn();
        String cookie = "bulwark_session=" + user.token();
        Answer read = api.send("GET", "/api/v1/me", null, null, null, "Cookie", cookie);
        assertThat(read.status()).isEqualTo(200);
        String body = new JsonObject().put("name", "Desk").encode();
        Answer forged = api.send("POST", "/api/v1/workspaces", null, body, "application/json", "Cookie", cookie);
        assertProblem(forged, 403, "forbidden");
        Answer wrongToken = api.send("POST", "/api/v1/workspaces", null, body, "application/json", "Cookie", cookie,
                "X-CSRF-Token", "0".repeat(64));
        assertProblem(wrongToken, 403, "forbidden");
        Answer allowed = api.send("POST", "/api/v1/workspaces", null, body, "application/json", "Cookie", cookie,
                "X-CSRF-Token", user.csrf());
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        assertThat(api.post("/api/v1/workspaces", user.token(), body).status()).as("bearer needs no CSRF token").isEqualTo(201);
    }

    @Test
    @Order(8)
    void theSignInSetsAStrictHttpOnlyCookieAndSignOutClearsIt() {
        User user = registerAndSignIn();
        Answer login = login(user.email(), user.password(), null);
        String session = login.cookies().stream().filter(c -> c.startsWith("bulwark_session=")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/");
        SECRETS.add(login.json().getString("token"));
        Answer out = api.send("DELETE", "/api/v1/sessions/current", login.json().getString("token"), null, null);
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.cookies()).anyMatch(c -> c.startsWith("bulwark_session=;") && c.contains("Max-Age=0"));
        assertThat(api.get("/api/v1/me", login.json().getString("token")).status()).isEqualTo(401);
    }

    @Test
    @Order(9)
    void badBodiesAreProblemsAndNothingIsCreated() {
        User user = registerAndSignIn();
        assertProblem(api.post("/api/v1/workspaces", user.token(), "{\"name\": "), 400, "invalid");
        assertProblem(api.post("/api/v1/workspaces", user.token(), "{\"name\":\"x\",\"owner\":\"me\"}"), 400, "invalid");
        assertProblem(api.post("/api/v1/workspaces", user.token(), "{\"name\":42}"), 400, "invalid");
        assertProblem(api.post("/api/v1/workspaces", user.token(), "[]"), 400, "invalid");
        assertProblem(api.post("/api/v1/workspaces", user.token(), "{}"), 400, "invalid");
        assertProblem(api.send("POST", "/api/v1/workspaces", user.token(), "name=x", "text/plain"), 415, "unsupported-media-type");
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertProblem(api.post("/api/v1/workspaces", user.token(), deep), 400, "invalid");
        String huge = "{\"name\":\"" + "x".repeat(70 * 1024) + "\"}";
        Answer tooBig = api.post("/api/v1/workspaces", user.token(), huge);
        assertThat(tooBig.status()).isEqualTo(413);
        Answer mine = api.get("/api/v1/me", user.token());
        assertThat(mine.json().getJsonArray("workspaces")).hasSize(1);
    }

    @Test
    @Order(10)
    void venueAccountsAreValidatedWithTheVenueAndKeysThatWithdrawAreRefused() {
        User user = registerAndSignIn();
        JsonObject paper = new JsonObject().put("venue", "paper").put("label", "Paper desk").put("environment", "PAPER");
        Answer created = api.post("/api/v1/venue-accounts", user.token(), paper.encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        JsonObject live = new JsonObject().put("venue", "testvenue").put("label", "Main").put("environment", "LIVE")
                .put("apiKey", "key-ABCDEFGH12345678").put("apiSecret", "s3cr3t-VALUE-never-shown");
        SECRETS.add("s3cr3t-VALUE-never-shown");
        Answer noTwoFactor = api.post("/api/v1/venue-accounts", user.token(), live.encode());
        assertProblem(noTwoFactor, 403, "forbidden");

        String secret = enrollTwoFactor(user);
        Answer refused = api.post("/api/v1/venue-accounts", user.token(), live.copy().put("apiKey", "bad-key-123456")
                .put("secondFactor", nextCode(secret)).encode());
        assertProblem(refused, 400, "invalid");
        assertThat(fields(refused)).contains("apiKey");
        Answer withdraw = api.post("/api/v1/venue-accounts", user.token(), live.copy().put("apiKey", "withdraw-key-1234")
                .put("secondFactor", nextCode(secret)).encode());
        assertProblem(withdraw, 400, "invalid");
        assertThat(withdraw.body()).containsIgnoringCase("withdraw");
        Answer down = api.post("/api/v1/venue-accounts", user.token(), live.copy().put("apiKey", "down-key-1234")
                .put("secondFactor", nextCode(secret)).encode());
        assertThat(down.status()).isEqualTo(502);
        Answer ok = api.post("/api/v1/venue-accounts", user.token(), live.copy().put("secondFactor", nextCode(secret)).encode());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().getString("apiKeyHint")).doesNotContain("ABCDEFGH12345678").contains("…");
        assertThat(ok.body()).doesNotContain("s3cr3t");

        Answer list = api.get("/api/v1/venue-accounts", user.token());
        assertThat(new JsonArray(list.body())).hasSize(2);
        String id = ok.json().getString("id");
        Answer uses = api.get("/api/v1/venue-accounts/" + id + "/credential-uses", user.token());
        assertThat(uses.status()).as(uses.body()).isEqualTo(200);
        assertThat(uses.json().getJsonArray("uses")).isNotEmpty();
        Answer relabelled = api.send("PATCH", "/api/v1/venue-accounts/" + id, user.token(),
                new JsonObject().put("label", "Renamed").put("active", false).encode(), "application/json");
        assertThat(relabelled.status()).as(relabelled.body()).isEqualTo(200);
        assertThat(relabelled.json().getBoolean("active")).isFalse();
        assertThat(api.send("DELETE", "/api/v1/venue-accounts/" + id, user.token(), null, null).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/venue-accounts/" + id, user.token()), 404, "not-found");
    }

    private static String enrollTwoFactor(User user) {
        Answer enrolled = api.post("/api/v1/me/two-factor", user.token(), new JsonObject().put("password", user.password()).encode());
        String secret = enrolled.json().getString("secret");
        SECRETS.add(secret);
        Answer confirmed = api.post("/api/v1/me/two-factor/confirm", user.token(),
                new JsonObject().put("code", Totp.code(secret, CLOCK.get())).encode());
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return secret;
    }

    /** The next step's code (each step's code is accepted once): moves the clock 30 seconds. */
    private static String nextCode(String secret) {
        advance(Duration.ofSeconds(30));
        return Totp.code(secret, CLOCK.get());
    }

    @Test
    @Order(11)
    void anotherUserGetsNotFoundForEveryIdOfTheFirstUsersResources() {
        User owner = registerAndSignIn();
        String account = api.post("/api/v1/venue-accounts", owner.token(), new JsonObject().put("venue", "paper")
                .put("label", "Mine").put("environment", "PAPER").encode()).json().getString("id");
        String key = api.post("/api/v1/api-keys", owner.token(), new JsonObject().put("name", "ci")
                .put("scopes", new JsonArray().add("READ")).encode()).json().getJsonObject("view").getString("id");
        String invitation = api.post("/api/v1/workspace/invitations", owner.token(), new JsonObject()
                .put("email", newEmail()).put("role", "VIEWER").encode()).json().getString("id");
        String session = new JsonArray(api.get("/api/v1/sessions", owner.token()).body()).getJsonObject(0).getString("id");
        String ownerId = api.get("/api/v1/me", owner.token()).json().getString("user");

        User other = registerAndSignIn();
        String t = other.token();
        List<Answer> tries = List.of(
                api.get("/api/v1/venue-accounts/" + account, t),
                api.send("PATCH", "/api/v1/venue-accounts/" + account, t, "{\"label\":\"x\"}", "application/json"),
                api.send("DELETE", "/api/v1/venue-accounts/" + account, t, null, null),
                api.get("/api/v1/venue-accounts/" + account + "/credential-uses", t),
                api.post("/api/v1/venue-accounts/" + account + "/sync", t, null),
                api.send("DELETE", "/api/v1/api-keys/" + key, t, null, null),
                api.send("DELETE", "/api/v1/workspace/invitations/" + invitation, t, null, null),
                api.send("DELETE", "/api/v1/sessions/" + session, t, null, null),
                api.send("PUT", "/api/v1/workspace/members/" + ownerId + "/role", t, "{\"role\":\"VIEWER\"}", "application/json"),
                api.send("GET", "/api/v1/me", t, null, null, "X-Bulwark-Workspace", owner.workspace()),
                api.get("/api/v1/venue-accounts/not-a-uuid", t));
        for (Answer answer : tries) {
            assertProblem(answer, 404, "not-found");
        }
        assertThat(api.get("/api/v1/venue-accounts/" + account, owner.token()).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", owner.token()).status()).as("the owner's session was not revoked").isEqualTo(200);
    }

    @Test
    @Order(12)
    void apiKeysActWithinTheirScopesAndStopWhenRevoked() {
        User user = registerAndSignIn();
        Answer created = api.post("/api/v1/api-keys", user.token(), new JsonObject().put("name", "reader")
                .put("scopes", new JsonArray().add("READ")).encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().getString("key");
        SECRETS.add(key);
        assertThat(key).startsWith("bwk_");
        assertThat(api.get("/api/v1/portfolio", key).status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/venue-accounts", key, new JsonObject().put("venue", "paper").put("label", "K")
                .put("environment", "PAPER").encode()), 403, "forbidden");
        assertProblem(api.post("/api/v1/api-keys", key, new JsonObject().put("name", "more")
                .put("scopes", new JsonArray().add("TRADE")).encode()), 403, "forbidden");
        Answer manage = api.post("/api/v1/api-keys", user.token(), new JsonObject().put("name", "root")
                .put("scopes", new JsonArray().add("MANAGE")).encode());
        assertProblem(manage, 400, "invalid");
        Answer listed = api.get("/api/v1/api-keys", user.token());
        assertThat(listed.body()).doesNotContain(key);
        String id = created.json().getJsonObject("view").getString("id");
        assertThat(api.send("DELETE", "/api/v1/api-keys/" + id, user.token(), null, null).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/portfolio", key), 401, "unauthorized");
    }

    @Test
    @Order(13)
    void aViewerInvitedToATeamReadsButNeverChangesSettings() {
        User owner = registerAndSignIn();
        String team = api.post("/api/v1/workspaces", owner.token(), "{\"name\":\"Fund\"}").json().getString("workspace");
        User viewer = registerAndSignIn();
        Answer invited = api.send("POST", "/api/v1/workspace/invitations", owner.token(),
                new JsonObject().put("email", viewer.email()).put("role", "VIEWER").encode(), "application/json",
                "X-Bulwark-Workspace", team);
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        Answer accepted = api.post("/api/v1/invitations/accept", viewer.token(),
                new JsonObject().put("token", invited.json().getString("token")).encode());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        Answer read = api.send("GET", "/api/v1/portfolio", viewer.token(), null, null, "X-Bulwark-Workspace", team);
        assertThat(read.status()).isEqualTo(200);
        Answer change = api.send("POST", "/api/v1/venue-accounts", viewer.token(), new JsonObject().put("venue", "paper")
                .put("label", "Nope").put("environment", "PAPER").encode(), "application/json", "X-Bulwark-Workspace", team);
        assertProblem(change, 403, "forbidden");
        Answer members = api.send("GET", "/api/v1/workspace/members", owner.token(), null, null, "X-Bulwark-Workspace", team);
        assertThat(new JsonArray(members.body())).hasSize(2);
    }

    @Test
    @Order(14)
    void liveEventsArriveAndAReconnectWithTheLastIdMissesNothing() throws Exception {
        User user = registerAndSignIn();
        String account = api.post("/api/v1/venue-accounts", user.token(), new JsonObject().put("venue", "paper")
                .put("label", "Live").put("environment", "PAPER").encode()).json().getString("id");
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + user.token()).build();
        HttpResponse<java.util.stream.Stream<String>> stream = api.http().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(api.post("/api/v1/venue-accounts/" + account + "/sync", user.token(), null).status()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        java.util.Iterator<String> it = stream.body().iterator();
        String firstId = null;
        while (it.hasNext()) {
            String line = it.next();
            lines.add(line);
            if (line.startsWith("id: ") && firstId == null) {
                firstId = line.substring(4);
            }
            if (line.startsWith("data: ") && line.contains("sync.status")) {
                break;
            }
        }
        stream.body().close();
        assertThat(lines).anyMatch(l -> l.equals("event: sync.status"));
        assertThat(firstId).isNotNull();

        // two more syncs while disconnected, then resume after the first event seen
        api.post("/api/v1/venue-accounts/" + account + "/sync", user.token(), null);
        api.post("/api/v1/venue-accounts/" + account + "/sync", user.token(), null);
        HttpResponse<java.util.stream.Stream<String>> resumed = api.http().send(HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/events"))
                .header("Authorization", "Bearer " + user.token()).header("Last-Event-ID", firstId).build(), HttpResponse.BodyHandlers.ofLines());
        List<Long> ids = new ArrayList<>();
        java.util.Iterator<String> again = resumed.body().iterator();
        while (again.hasNext() && ids.size() < 2) {
            String line = again.next();
            if (line.startsWith("id: ")) {
                ids.add(Long.parseLong(line.substring(4)));
            }
        }
        resumed.body().close();
        long first = Long.parseLong(firstId);
        assertThat(ids).hasSize(2).isSorted().allMatch(id -> id > first);
    }

    @Test
    @Order(15)
    void readinessMetricsDocumentAndHeaders() {
        Answer ready = api.get("/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().getString("status")).isEqualTo("READY");
        Answer metrics = api.get("/metrics", null);
        assertThat(metrics.body()).contains("bulwark_http_requests_seconds_count{method=\"GET\",route=\"/api/v1/me\"")
                .contains("bulwark_queue_depth").contains("bulwark_ready 1.0")
                .contains("bulwark_venue_circuit_state{venue=\"binance\"} 0.0")
                .doesNotContain("route=\"/api/v1/venue-accounts/" /* raw ids never become labels */ + "0");
        User user = registerAndSignIn();
        JsonArray venues = new JsonArray(api.get("/api/v1/venues", user.token()).body());
        JsonObject binance = venues.stream().map(JsonObject.class::cast).filter(v -> v.getString("id").equals("binance"))
                .findFirst().orElseThrow();
        assertThat(binance.getJsonObject("circuit").getString("state")).isEqualTo("CLOSED");
        assertThat(venues.stream().map(JsonObject.class::cast).map(v -> v.getString("id")))
                .contains("paper", "testvenue", "bybit-linear", "okx-swap", "bitget-futures", "binance-futures");
        Answer yaml = api.get("/api/openapi.yaml", null);
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.body()).contains("\"openapi\": \"3.1.0\"");
        Answer docs = api.get("/api/docs", null);
        assertThat(docs.body()).contains("/api/v1/venue-accounts");
        assertThat(docs.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(docs.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(docs.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(docs.header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
        assertThat(api.send("OPTIONS", "/api/v1/me", null, null, null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST").header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @Order(100)
    void noSecretAppearsInAnyLogLineOrInAnAnswerItWasNotCreatedIn() {
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() != null ? e.getThrowableProxy().getMessage() : "")).toList();
        assertThat(lines).isNotEmpty();
        for (String secret : SECRETS) {
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
        }
        for (String answer : api.seen()) {
            assertThat(answer).doesNotContain("s3cr3t-VALUE-never-shown");
            SECRETS.stream().filter(s -> s.startsWith("Tr4ding-")).forEach(p -> assertThat(answer).doesNotContain(p));
        }
    }
}
