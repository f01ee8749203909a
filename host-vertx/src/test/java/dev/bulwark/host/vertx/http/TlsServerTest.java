package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.host.embedded.BulwarkRuntime;
import dev.bulwark.host.embedded.RuntimeSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** Served over TLS (PEM files, as BULWARK_TLS_CERT/KEY give them): HSTS on every answer, Secure session cookies. */
class TlsServerTest {
    @Test
    void overTlsAnswersCarryHstsAndTheSessionCookieIsSecure() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, Path.of(certificate.certificatePath()),
                Path.of(certificate.privateKeyPath()), List.of(), false);
        try (BulwarkRuntime runtime = BulwarkRuntime.builder().settings(RuntimeSettings.inMemory(Path.of("target"))).start();
             BulwarkServer server = BulwarkServer.start(runtime, settings)) {
            HttpClient https = HttpClient.newBuilder().sslContext(trustingEveryone()).build();
            String base = "https://localhost:" + server.port(); // the certificate names localhost
            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");

            String password = "Tls-desk-passphrase-2026";
            https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", "tls@example.com").put("password", password)
                            .put("setupToken", runtime.manageAccounts().setupToken().orElseThrow()).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            new JsonObject().put("email", "tls@example.com").put("password", password).encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(login.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("bulwark_session="))
                    .singleElement().satisfies(c -> assertThat(c).contains("Secure").containsIgnoringCase("HttpOnly"));
        }
    }

    private static SSLContext trustingEveryone() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
