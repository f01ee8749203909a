package dev.bulwark.host.embedded.venues;

import dev.bulwark.domain.venues.VenueAccount;
import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.domain.venues.VenueId;
import dev.bulwark.ports.driven.system.TimeSource;
import dev.bulwark.ports.driven.vault.SecretBinding;
import dev.bulwark.ports.driven.vault.SecretUse;
import dev.bulwark.ports.driven.vault.SecretVault;
import dev.bulwark.ports.driven.venues.VenueConnection;
import dev.bulwark.ports.driven.venues.VenueConnector;
import dev.bulwark.ports.driven.venues.VenueCredentials;
import dev.bulwark.ports.driven.venues.VenueDescriptor;
import dev.bulwark.ports.driven.venues.VenueEnvironment;
import dev.bulwark.ports.driven.venues.VenueGateway;
import dev.bulwark.ports.driven.venues.VenueProvider;
import dev.bulwark.ports.errors.NotFound;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every venue the engine can connect: the paper venue (built by the composition root) and each
 * {@link VenueProvider} on the class path ({@code META-INF/services}), integrators' included. Connecting opens the
 * account's sealed credentials through the vault at that moment, an audited use, and passes them to the provider.
 */
public final class Venues implements VenueConnector {
    private static final Logger LOG = LoggerFactory.getLogger(Venues.class);

    private final Map<VenueId, VenueProvider> providers;
    private final SecretVault vault;
    private final TimeSource time;

    public Venues(List<VenueProvider> builtIn, SecretVault vault, TimeSource time) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.time = Objects.requireNonNull(time, "time");
        Map<VenueId, VenueProvider> found = new LinkedHashMap<>();
        List<VenueProvider> all = new ArrayList<>(builtIn);
        ServiceLoader.load(VenueProvider.class).forEach(all::add);
        for (VenueProvider provider : all) {
            VenueId id = provider.describe().id();
            if (found.putIfAbsent(id, provider) != null) {
                LOG.warn("two providers for venue {}: keeping {}, ignoring {}", id, found.get(id).getClass().getName(),
                        provider.getClass().getName());
            }
        }
        this.providers = Map.copyOf(found);
        LOG.info("venues: {}", found.keySet());
    }

    /** The venues that can be connected, by id. */
    public Map<VenueId, VenueProvider> providers() {
        return providers;
    }

    @Override
    public List<VenueDescriptor> descriptors() {
        return providers.values().stream().map(VenueProvider::describe)
                .sorted(Comparator.comparing(d -> d.id().value())).toList();
    }

    @Override
    public List<VenueCircuit> circuits() {
        return providers.values().stream().flatMap(p -> p.circuits().stream())
                .sorted(Comparator.comparing(c -> c.venue().value())).toList();
    }

    @Override
    public VenueGateway connect(VenueAccount account, String purpose) {
        VenueProvider provider = providers.get(account.venue());
        if (provider == null) {
            throw new NotFound("no venue adapter for " + account.venue());
        }
        VenueEnvironment environment = switch (account.environment()) {
            case PAPER -> account.venue().equals(VenueId.PAPER) ? VenueEnvironment.PAPER : VenueEnvironment.TESTNET;
            case LIVE -> VenueEnvironment.LIVE;
        };
        return provider.connect(VenueConnection.of(account, environment, credentials(account, purpose), time));
    }

    private @Nullable VenueCredentials credentials(VenueAccount account, String purpose) {
        if (account.credentials() == null) {
            return null;
        }
        String opened = vault.open(account.credentials(), new SecretBinding(account.workspace(), "venue-account:" + account.id()),
                new SecretUse("system", purpose, null));
        return VenueCredentials.decode(opened);
    }
}
