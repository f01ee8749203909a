/** The risk engine: a profile of limits and the rules that approve an order intent or reject it with every violation. */
@NullMarked
package dev.bulwark.domain.risk;

import org.jspecify.annotations.NullMarked;
