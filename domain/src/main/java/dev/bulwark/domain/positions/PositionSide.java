package dev.bulwark.domain.positions;

/** Which way a position is exposed. */
public enum PositionSide {
    LONG,
    SHORT,
    FLAT
}
