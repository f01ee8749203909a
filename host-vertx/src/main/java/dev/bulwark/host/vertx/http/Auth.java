package dev.bulwark.host.vertx.http;

import dev.bulwark.domain.accounts.WorkspaceId;
import dev.bulwark.ports.driving.accounts.ManageAccounts;
import dev.bulwark.ports.driving.accounts.Principal;
import dev.bulwark.ports.errors.Forbidden;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.Unauthorized;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling. API clients send {@code Authorization: Bearer <token>} (a session token or an API key); the web UI
 * holds the session token in an HttpOnly, SameSite=Strict cookie (Secure when served over TLS). A cookie is sent by
 * the browser on its own, so every state-changing request authenticated by the cookie must also carry
 * {@code X-CSRF-Token}: a value derived from the session token (SHA-256 of it, labelled) that the sign-in answer
 * gives the page and a script of another site cannot read. Bearer requests need no CSRF token: no browser adds that
 * header by itself.
 */
final class Auth {
    static final String SESSION_COOKIE = "bulwark_session";
    static final String CSRF_COOKIE = "bulwark_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String WORKSPACE_HEADER = "X-Bulwark-Workspace";
    private static final Duration COOKIE_LIFE = Duration.ofHours(24);

    /** The credentials a request carries, read on the event loop; checked on a virtual thread. */
    record Presented(@Nullable String token, boolean viaCookie, @Nullable String csrfHeader, @Nullable String workspace,
                     boolean stateChanging) {
        @Override
        public String toString() {
            return "Presented[viaCookie=" + viaCookie + "]";
        }
    }

    private Auth() {
    }

    static Presented presented(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        HttpMethod method = ctx.request().method();
        boolean changing = !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
        String workspace = ctx.request().getHeader(WORKSPACE_HEADER);
        if (header != null) {
            String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
            return new Presented(token == null || token.isEmpty() ? null : token, false, null, workspace, changing);
        }
        Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
        return new Presented(cookie == null ? null : cookie.getValue(), cookie != null,
                ctx.request().getHeader(CSRF_HEADER), workspace, changing);
    }

    /** Authenticates (storage: call on a virtual thread). */
    static Principal authenticate(ManageAccounts accounts, Presented presented) {
        if (presented.token() == null) {
            throw new Unauthorized("Sign in first: send a session cookie or an Authorization: Bearer token.");
        }
        WorkspaceId workspace = null;
        if (presented.workspace() != null) {
            try {
                workspace = new WorkspaceId(UUID.fromString(presented.workspace().strip()));
            } catch (IllegalArgumentException e) {
                throw new NotFound("No such workspace");
            }
        }
        Principal principal = accounts.authenticate(presented.token(), workspace);
        if (presented.viaCookie() && presented.stateChanging()) {
            String expected = csrfToken(presented.token());
            String given = presented.csrfHeader();
            if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    given.strip().getBytes(StandardCharsets.US_ASCII))) {
                throw new Forbidden("This request needs the X-CSRF-Token header the sign-in gave (cross-site request refused).");
            }
        }
        return principal;
    }

    /** The CSRF token of a session: derived, so nothing more is stored, and unguessable without the session token. */
    static String csrfToken(String sessionToken) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(("bulwark-csrf|" + sessionToken).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static void setSessionCookies(RoutingContext ctx, String token, boolean tls) {
        ctx.response().addCookie(Cookie.cookie(SESSION_COOKIE, token).setPath("/").setHttpOnly(true).setSecure(tls)
                .setSameSite(CookieSameSite.STRICT).setMaxAge(COOKIE_LIFE.toSeconds()));
        ctx.response().addCookie(Cookie.cookie(CSRF_COOKIE, csrfToken(token)).setPath("/").setHttpOnly(false)
                .setSecure(tls).setSameSite(CookieSameSite.STRICT).setMaxAge(COOKIE_LIFE.toSeconds()));
    }

    static void clearSessionCookies(RoutingContext ctx, boolean tls) {
        for (String name : new String[] {SESSION_COOKIE, CSRF_COOKIE}) {
            ctx.response().addCookie(Cookie.cookie(name, "").setPath("/").setSecure(tls).setHttpOnly(SESSION_COOKIE.equals(name))
                    .setSameSite(CookieSameSite.STRICT).setMaxAge(0));
        }
    }
}
