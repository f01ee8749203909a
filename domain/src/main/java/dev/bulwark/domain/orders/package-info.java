/** Orders, their types and state machine, and the fills that execute them. */
@NullMarked
package dev.bulwark.domain.orders;

import org.jspecify.annotations.NullMarked;
