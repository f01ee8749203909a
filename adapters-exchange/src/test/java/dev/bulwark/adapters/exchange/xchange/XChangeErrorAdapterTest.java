package dev.bulwark.adapters.exchange.xchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.errors.BulwarkException;
import dev.bulwark.ports.errors.NotFound;
import dev.bulwark.ports.errors.RateLimited;
import dev.bulwark.ports.errors.Unauthorized;
import dev.bulwark.ports.errors.VenueUnavailable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.knowm.xchange.exceptions.ExchangeException;
import org.knowm.xchange.exceptions.ExchangeSecurityException;
import org.knowm.xchange.exceptions.ExchangeUnavailableException;
import org.knowm.xchange.exceptions.FrequencyLimitExceededException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import java.util.stream.Stream;

class XChangeErrorAdapterTest {
    static final VenueId VENUE = new VenueId("xchange-test");
    /** What XChange may carry in a message: never to be repeated to a user or a log. */
    static final String LEAK = "apiKey=5c2db935 secret=hush";

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ExchangeSecurityException(LEAK), Unauthorized.class),
                Arguments.of(new RateLimitExceededException(LEAK), RateLimited.class),
                Arguments.of(new FrequencyLimitExceededException(LEAK), RateLimited.class),
                Arguments.of(new ExchangeUnavailableException(LEAK), VenueUnavailable.class),
                Arguments.of(new ExchangeException(LEAK), VenueUnavailable.class),
                Arguments.of(new SocketTimeoutException(LEAK), VenueUnavailable.class),
                Arguments.of(new IOException(LEAK), VenueUnavailable.class),
                Arguments.of(new IllegalArgumentException(LEAK), VenueUnavailable.class));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void xchangeFailuresBecomeThePortsFailuresWithoutTheirMessage(Exception failure, Class<? extends BulwarkException> expected) {
        BulwarkException translated = XChangeErrorAdapter.translate(VENUE, failure);
        assertThat(translated).isInstanceOf(expected);
        assertThat(translated.getMessage()).contains("xchange-test").doesNotContain("hush").doesNotContain("5c2db935");
        assertThat(translated.getCause()).as("XChange types never cross the port").isNull();
    }

    @Test
    void aPortsFailureIsKeptAsItIs() {
        NotFound notFound = new NotFound("no such thing");
        assertThat(XChangeErrorAdapter.translate(VENUE, notFound)).isSameAs(notFound);
    }
}
