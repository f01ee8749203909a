package dev.bulwark.domain.wallfixtures.marked;

/** A class in a null-marked package. */
public final class Marked {
}
