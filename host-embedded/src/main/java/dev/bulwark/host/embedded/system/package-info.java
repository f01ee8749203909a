/** The machine's clock and UUIDv7 ids behind the TimeSource and IdGenerator ports: the only place that reads either. */
@NullMarked
package dev.bulwark.host.embedded.system;

import org.jspecify.annotations.NullMarked;
