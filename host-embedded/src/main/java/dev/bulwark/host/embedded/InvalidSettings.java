package dev.bulwark.host.embedded;

import java.util.List;

/** Settings that cannot start Bulwark; {@link #problems()} has one clear line per wrong value. */
public final class InvalidSettings extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidSettings(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
