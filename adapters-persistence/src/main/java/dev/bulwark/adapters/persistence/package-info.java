/**
 * Storage: jOOQ over PostgreSQL (hosted) or H2 (embedded default), schema by Flyway. {@link
 * dev.bulwark.adapters.persistence.Database} opens the pool and migrates; each capability package holds its
 * stores, with mapping kept package-private: a jOOQ record never crosses a port.
 */
@NullMarked
package dev.bulwark.adapters.persistence;

import org.jspecify.annotations.NullMarked;
