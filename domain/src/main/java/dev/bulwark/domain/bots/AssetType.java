package dev.bulwark.domain.bots;

/** What a bot trades, which decides the venues it may use and how symbols read. */
public enum AssetType {
    CRYPTO,
    STOCKS
}
