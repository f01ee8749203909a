/**
 * What happened that a user watching live wants to know: order updates, fills, signal status, portfolio value
 * changes, sync status, alerts. Each event belongs to one workspace and is kept for a while in order, so a client
 * that reconnects with the last sequence it saw misses nothing still kept.
 */
@NullMarked
package dev.bulwark.domain.events;

import org.jspecify.annotations.NullMarked;
