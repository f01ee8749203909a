/** Secrets as the domain holds them: sealed, opaque, never printable. */
@NullMarked
package dev.bulwark.domain.secrets;

import org.jspecify.annotations.NullMarked;
