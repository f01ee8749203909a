/**
 * Password security behind the accounts ports: Argon2id hashing in PHC strings (Bouncy Castle) and password
 * strength estimation (nbvcxz, a zxcvbn descendant).
 */
@NullMarked
package dev.bulwark.host.embedded.security;

import org.jspecify.annotations.NullMarked;
