/** The alert store: each workspace's alerts, and the active ones of every workspace for the checker. */
@NullMarked
package dev.bulwark.ports.driven.alerts;

import org.jspecify.annotations.NullMarked;
