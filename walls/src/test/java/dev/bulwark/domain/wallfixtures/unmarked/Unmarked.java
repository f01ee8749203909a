package dev.bulwark.domain.wallfixtures.unmarked;

/** A class in a package with no package-info at all. */
public final class Unmarked {
}
