package dev.bulwark.ports.wallfixtures;

/** Deliberately bad and good port types. */
final class BadPorts {
    private BadPorts() {
    }

    record GoodCommand(String name) {
    }

    interface GoodUseCase {
        GoodCommand run(GoodCommand command);
    }

    enum GoodEnum { A, B }

    static final class GoodException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
    }

    static final class ServiceWithBehaviour {
        int count;

        void increment() {
            count++;
        }
    }

    record DependsOnALibrary(com.tngtech.archunit.core.domain.JavaClass type) {
    }
}
