/** The paper venue's own books: its exchange-side state, kept like a real venue keeps its own. */
@NullMarked
package dev.bulwark.ports.driven.paper;

import org.jspecify.annotations.NullMarked;
