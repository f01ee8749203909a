package dev.bulwark.adapters.exchange.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CoinbaseJwtTest {
    static final String KEY_NAME = "organizations/1f2e3d4c-org/apiKeys/9a8b7c6d-key";
    static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair pair = TestKeys.p256();

    @Test
    void aTokenVerifiesWithThePublicKeyAndCarriesCoinbasesHeaderAndClaims() throws Exception {
        String token = CoinbaseJwt.of(KEY_NAME, TestKeys.pkcs8Pem(pair))
                .token("GET", "api.coinbase.com/api/v3/brokerage/accounts", NOW);
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(verify(parts)).isTrue();
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("ES256");
        assertThat(header.path("kid").asText()).isEqualTo(KEY_NAME);
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        assertThat(header.path("nonce").asText()).matches("[0-9a-f]{32}");
        assertThat(claims.path("iss").asText()).isEqualTo("cdp");
        assertThat(claims.path("sub").asText()).isEqualTo(KEY_NAME);
        assertThat(claims.path("nbf").asLong()).isEqualTo(NOW.getEpochSecond());
        assertThat(claims.path("exp").asLong()).isEqualTo(NOW.getEpochSecond() + 120);
        assertThat(claims.path("uri").asText()).isEqualTo("GET api.coinbase.com/api/v3/brokerage/accounts");
        // JOSE's raw R||S, not DER
        assertThat(Base64.getUrlDecoder().decode(parts[2])).hasSize(64);
        assertThat(token).doesNotContain("=");
    }

    @Test
    void aSec1KeyWorksLikeItsPkcs8FormAndEscapedLineBreaksAreRead() throws Exception {
        String sec1 = TestKeys.sec1Pem(pair);
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(verify(CoinbaseJwt.of(KEY_NAME, sec1).token("POST", "api.coinbase.com/api/v3/brokerage/orders", NOW)
                .split("\\."))).isTrue();
        String escaped = sec1.replace("\n", "\\n");
        assertThat(verify(CoinbaseJwt.of(KEY_NAME, escaped).token("GET", "api.coinbase.com/x", NOW).split("\\."))).isTrue();
    }

    @Test
    void everyTokenHasItsOwnNonce() {
        CoinbaseJwt jwt = CoinbaseJwt.of(KEY_NAME, TestKeys.pkcs8Pem(pair));
        assertThat(jwt.token("GET", "h/p", NOW)).isNotEqualTo(jwt.token("GET", "h/p", NOW));
    }

    @Test
    void aTokenSignedByAnotherKeyDoesNotVerify() throws Exception {
        String token = CoinbaseJwt.of(KEY_NAME, TestKeys.pkcs8Pem(TestKeys.p256())).token("GET", "h/p", NOW);
        assertThat(verify(token.split("\\."))).isFalse();
    }

    @Test
    void whatIsNotAnEcPemKeyIsRefusedWithoutQuotingIt() {
        for (String secret : java.util.List.of("just-a-secret-string", "-----BEGIN PRIVATE KEY-----\nnot*base64\n-----END PRIVATE KEY-----",
                TestKeys.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))) {
            assertThatThrownBy(() -> CoinbaseJwt.of(KEY_NAME, secret)).isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain(secret);
        }
        assertThat(CoinbaseJwt.of(KEY_NAME, TestKeys.pkcs8Pem(pair)).toString()).doesNotContain("PRIVATE").contains("***");
    }

    private boolean verify(String[] parts) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(pair.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    }
}
