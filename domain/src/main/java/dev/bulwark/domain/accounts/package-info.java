/** Users and workspaces: who acts, and the workspace every owned thing belongs to. */
@NullMarked
package dev.bulwark.domain.accounts;

import org.jspecify.annotations.NullMarked;
