/** The background workers of the webhook pipeline: signal processing and the protective-order watch. */
@NullMarked
package dev.bulwark.host.embedded.signals;

import org.jspecify.annotations.NullMarked;
