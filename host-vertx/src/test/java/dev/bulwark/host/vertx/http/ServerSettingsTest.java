package dev.bulwark.host.vertx.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.host.embedded.InvalidSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    @Test
    void nothingSetMeansTheEmbeddedDefaultOnLocalhost8080() {
        assertThat(ServerSettings.fromEnvironment(Map.of())).isEqualTo(new ServerSettings("127.0.0.1", 8080));
    }

    @Test
    void readsPortAndHost() {
        assertThat(ServerSettings.fromEnvironment(Map.of("BULWARK_PORT", " 9090 ", "BULWARK_HOST", "0.0.0.0")))
                .isEqualTo(new ServerSettings("0.0.0.0", 9090));
    }

    @Test
    void everyWrongValueIsReportedOnALineOfItsOwn() {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("BULWARK_PORT", "http", "BULWARK_HOST", " ")))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.problems()).containsExactly(
                        "BULWARK_PORT must be a port number from 0 to 65535, was 'http'",
                        "BULWARK_HOST must be an address to bind (e.g. 127.0.0.1 or 0.0.0.0), was empty"));
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("BULWARK_PORT", "70000")))
                .isInstanceOfSatisfying(InvalidSettings.class, e -> assertThat(e.problems())
                        .containsExactly("BULWARK_PORT must be a port number from 0 to 65535, was 70000"));
        assertThatThrownBy(() -> ServerSettings.fromEnvironment(Map.of("BULWARK_PORT", "-1")))
                .isInstanceOf(InvalidSettings.class);
    }

    @Test
    void helpListsEverySetting() {
        assertThat(ServerSettings.HELP).contains("BULWARK_PORT", "BULWARK_HOST", "8080", "BULWARK_DB_URL", "BULWARK_MASTER_KEY");
    }
}
