/**
 * The Java door to Bulwark: {@link dev.bulwark.sdk.Bulwark#embedded()} runs the engine in this process; the
 * remote client (over HTTP, same interfaces) and the venue adapter test kit join it as the server grows.
 */
@NullMarked
package dev.bulwark.sdk;

import org.jspecify.annotations.NullMarked;
