/** The audit trail: who did what to which thing, when, from where. */
@NullMarked
package dev.bulwark.domain.audit;

import org.jspecify.annotations.NullMarked;
