/** The stores of orders, their fills, and the positions fills build. */
@NullMarked
package dev.bulwark.ports.driven.orders;

import org.jspecify.annotations.NullMarked;
