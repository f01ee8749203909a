/**
 * HTTP: routes, Problem+JSON errors, correlation ids. Use cases run on virtual threads, never on an event loop.
 */
@NullMarked
package dev.bulwark.host.vertx.http;

import org.jspecify.annotations.NullMarked;
