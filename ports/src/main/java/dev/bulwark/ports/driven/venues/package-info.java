/** The store of venue accounts: a workspace's connections to exchanges, brokers, wallets and paper accounts. */
@NullMarked
package dev.bulwark.ports.driven.venues;

import org.jspecify.annotations.NullMarked;
