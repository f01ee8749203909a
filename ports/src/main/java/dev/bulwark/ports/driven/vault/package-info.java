/** The secret vault: seals secrets to their owner, opens them only at the moment of use, and audits every opening. */
@NullMarked
package dev.bulwark.ports.driven.vault;

import org.jspecify.annotations.NullMarked;
