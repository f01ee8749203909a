/** Assets and exact amounts: codes, {@link java.math.BigDecimal} arithmetic with explicit scale and rounding. */
@NullMarked
package dev.bulwark.domain.money;

import org.jspecify.annotations.NullMarked;
