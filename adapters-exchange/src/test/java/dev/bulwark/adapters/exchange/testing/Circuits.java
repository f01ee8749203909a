package dev.bulwark.adapters.exchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.domain.venues.VenueCircuit;
import dev.bulwark.ports.driven.venues.VenueProvider;

/** What a provider reports of its breaker through the SPI, the view metrics and the API get. */
public final class Circuits {
    private Circuits() {
    }

    /**
     * Asserts that {@code provider} reports exactly one circuit, for its own venue, in {@code state}; an OPEN one
     * counts the failures that opened it.
     */
    public static VenueCircuit assertOne(VenueProvider provider, VenueCircuit.State state) {
        assertThat(provider.circuits()).hasSize(1);
        VenueCircuit circuit = provider.circuits().get(0);
        assertThat(circuit.venue()).isEqualTo(provider.describe().id());
        assertThat(circuit.state()).isEqualTo(state);
        if (state == VenueCircuit.State.OPEN) {
            assertThat(circuit.failures()).isPositive();
        }
        return circuit;
    }
}
