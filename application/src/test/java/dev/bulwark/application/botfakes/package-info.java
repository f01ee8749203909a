/** In-memory driven ports shared by the bots and webhook tests. */
@NullMarked
package dev.bulwark.application.botfakes;

import org.jspecify.annotations.NullMarked;
