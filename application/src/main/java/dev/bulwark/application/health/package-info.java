/** Liveness (the engine's status and version) and readiness (the database and the job queue answer). */
@NullMarked
package dev.bulwark.application.health;

import org.jspecify.annotations.NullMarked;
