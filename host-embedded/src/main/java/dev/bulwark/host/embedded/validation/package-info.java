/** Bean Validation of every inbound driving command, once, before its use case runs. */
@NullMarked
package dev.bulwark.host.embedded.validation;

import org.jspecify.annotations.NullMarked;
