package dev.bulwark.host.vertx.wallfixtures;

/** A host's command-line entry point: it may answer on the console. */
final class Main {
    void help() {
        System.out.println("usage");
    }
}
