/** Use cases of webhook signals: receive one (the hot path: durable before the answer), and process queued ones. */
@NullMarked
package dev.bulwark.ports.driving.signals;

import org.jspecify.annotations.NullMarked;
