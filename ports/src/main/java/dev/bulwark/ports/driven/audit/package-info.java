/** The audit log: append-only, readable by the workspace that owns the entries. */
@NullMarked
package dev.bulwark.ports.driven.audit;

import org.jspecify.annotations.NullMarked;
