/**
 * The use cases: services implementing the driving ports with the domain and the driven ports. Synchronous
 * plain Java with no threads of its own. Each capability package hides its services and exposes one public
 * {@code *Factory}; hosts use {@link dev.bulwark.application.ApplicationFactory}, which composes them.
 */
@NullMarked
package dev.bulwark.application;

import org.jspecify.annotations.NullMarked;
