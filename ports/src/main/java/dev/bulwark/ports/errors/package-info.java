/** The one failure family that crosses ports. Each failure has a stable {@code code()} that hosts map once (HTTP: Problem+JSON). Messages never carry secret material. */
@NullMarked
package dev.bulwark.ports.errors;

import org.jspecify.annotations.NullMarked;
