/** Portfolio: syncing holdings from the venues and viewing them valued in USD and EUR. */
@NullMarked
package dev.bulwark.application.portfolio;

import org.jspecify.annotations.NullMarked;
