package dev.bulwark.ports.driven.venues;

import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.ports.driven.system.TimeSource;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link VenueProvider#connect} needs to open a gateway for one account. Providers are created by
 * {@link java.util.ServiceLoader} without arguments, so what a gateway needs from the host comes here: the account,
 * the endpoint, the opened credentials and the clock (request timestamps and signatures use it; the system clock is
 * read only behind {@link TimeSource}).
 *
 * <p>The constructor keeps a connection from reaching further than its account allows:
 * <ul>
 *   <li>the environment must agree with the account's: a PAPER account connects to a testnet or a simulation,
 *       never to a {@link VenueEnvironment#LIVE} endpoint, and a LIVE account only to one;</li>
 *   <li>the paper venue is always {@link VenueEnvironment#PAPER} and takes no credentials;</li>
 *   <li>{@code baseUrl}, when set, is an {@code https} URL without user info, query or fragment, at most 200
 *       characters (as on {@link VenueAccount}); or an {@code http} URL on the loopback interface
 *       ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}), so an adapter's tests can run against a local fake
 *       venue without the key ever leaving the machine.</li>
 * </ul>
 *
 * @param baseUrl overrides the endpoint the provider would choose for the environment (a regional host, a proxy, a
 *     local fake); null for the provider's default
 * @param credentials the account's opened credentials; null for a venue that needs none (the paper venue)
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public record VenueConnection(
        VenueAccount account,
        VenueEnvironment environment,
        @Nullable String baseUrl,
        @Nullable VenueCredentials credentials,
        TimeSource clock) {

    public static final int MAX_BASE_URL_LENGTH = 200;

    private static final Pattern BASE_URL = Pattern.compile(
            "(https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|http://(localhost|127\\.0\\.0\\.1|\\[::1]))"
                    + "(:[0-9]{1,5})?(/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?");

    public VenueConnection {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(clock, "clock");
        if (environment.environment() != account.environment()) {
            throw new IllegalArgumentException("a " + account.environment() + " account cannot connect to a "
                    + environment + " endpoint");
        }
        if (account.isPaper()) {
            if (environment != VenueEnvironment.PAPER) {
                throw new IllegalArgumentException("the paper venue is simulated: its environment is PAPER, was " + environment);
            }
            if (credentials != null) {
                throw new IllegalArgumentException("the paper venue takes no credentials");
            }
        }
        if (baseUrl != null && (baseUrl.length() > MAX_BASE_URL_LENGTH || !BASE_URL.matcher(baseUrl).matches())) {
            throw new IllegalArgumentException("a base URL is an https URL (or http on the loopback interface) of at"
                    + " most " + MAX_BASE_URL_LENGTH + " characters, without user info, query or fragment");
        }
    }

    /** A connection to the account's own base URL (null: the provider's default for the environment). */
    public static VenueConnection of(VenueAccount account, VenueEnvironment environment,
            @Nullable VenueCredentials credentials, TimeSource clock) {
        return new VenueConnection(account, environment, account.baseUrl(), credentials, clock);
    }
}
