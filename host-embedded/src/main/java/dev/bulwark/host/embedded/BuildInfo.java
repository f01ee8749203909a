package dev.bulwark.host.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build stamped into this jar: the version /health reports. */
public record BuildInfo(String version) {
    private static final String RESOURCE = "/dev/bulwark/host/embedded/build.properties";

    /** Reads the stamped properties; fails loudly when the jar was built without them. */
    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + ": build with Maven so the version is stamped");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.contains("${")) {
            throw new IllegalStateException(RESOURCE + " has no stamped version: build with Maven");
        }
        return new BuildInfo(version);
    }
}
