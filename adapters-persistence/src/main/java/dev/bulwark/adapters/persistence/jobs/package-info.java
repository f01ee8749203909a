/** The durable job queue on PostgreSQL ({@code FOR UPDATE SKIP LOCKED}) or H2. */
@NullMarked
package dev.bulwark.adapters.persistence.jobs;

import org.jspecify.annotations.NullMarked;
