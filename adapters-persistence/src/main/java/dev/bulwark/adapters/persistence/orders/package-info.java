/** The stores of orders with their fills, and of positions. */
@NullMarked
package dev.bulwark.adapters.persistence.orders;

import org.jspecify.annotations.NullMarked;
