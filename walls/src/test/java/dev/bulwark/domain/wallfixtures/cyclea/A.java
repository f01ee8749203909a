package dev.bulwark.domain.wallfixtures.cyclea;

/** Half of a deliberate package cycle. */
public final class A {
    public dev.bulwark.domain.wallfixtures.cycleb.B b;
}
