/** The durable job queue: enqueue inside the caller's transaction, claim with a lease, retry with backoff, dead-letter, replay. */
@NullMarked
package dev.bulwark.ports.driven.jobs;

import org.jspecify.annotations.NullMarked;
