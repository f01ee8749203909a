package dev.bulwark.domain.wallfixtures.cli;

/** Named like an entry point, but in the domain: still may not print. */
final class Main {
    void help() {
        System.out.println("usage");
    }
}
