/**
 * The paper venue: a {@link dev.bulwark.ports.driven.venues.VenueGateway} over the domain's matching engine
 * ({@link dev.bulwark.domain.paper.PaperAccount}), priced by market data, its books kept in the paper state store
 * so they survive a restart.
 */
@NullMarked
package dev.bulwark.adapters.exchange.paper;

import org.jspecify.annotations.NullMarked;
