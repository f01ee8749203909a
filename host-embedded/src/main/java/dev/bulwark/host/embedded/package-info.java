/**
 * The composition root: builds the adapters from configuration, wires the use cases, runs background work on
 * virtual threads and closes everything in order. Hosts (the Vert.x server, the SDK) start one
 * {@link dev.bulwark.host.embedded.BulwarkRuntime} and use its driving ports.
 */
@NullMarked
package dev.bulwark.host.embedded;

import org.jspecify.annotations.NullMarked;
