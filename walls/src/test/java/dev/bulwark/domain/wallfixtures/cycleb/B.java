package dev.bulwark.domain.wallfixtures.cycleb;

/** The other half of a deliberate package cycle. */
public final class B {
    public dev.bulwark.domain.wallfixtures.cyclea.A a;
}
