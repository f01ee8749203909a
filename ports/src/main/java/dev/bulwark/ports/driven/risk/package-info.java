/** Where the venue accounts' risk profiles are kept. */
@NullMarked
package dev.bulwark.ports.driven.risk;

import org.jspecify.annotations.NullMarked;
