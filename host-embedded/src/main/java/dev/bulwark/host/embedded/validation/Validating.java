package dev.bulwark.host.embedded.validation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * Wraps a driving port so that every command record passed to it is validated (Bean Validation, every field error at
 * once) before the use case runs: one place, for every method of every use case and every host (HTTP, SDK).
 */
public final class Validating {
    private Validating() {
    }

    public static <T> T wrap(Class<T> port, T useCase, CommandValidator validator) {
        Objects.requireNonNull(useCase, "useCase");
        if (!port.isInterface()) {
            throw new IllegalArgumentException(port + " is not an interface");
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, useCase, port);
            }
            if (args != null) {
                for (Object arg : args) {
                    if (arg instanceof Record command && isCommand(command)) {
                        validator.validate(command);
                    }
                }
            }
            try {
                return method.invoke(useCase, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
    }

    /** Commands are the records of the driving ports' packages (a principal is not a command: it is not validated). */
    private static boolean isCommand(Record record) {
        return record.getClass().getPackageName().startsWith("dev.bulwark.ports.driving")
                && !record.getClass().getSimpleName().equals("Principal");
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object useCase, Class<?> port)
            throws ReflectiveOperationException {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Validating[" + port.getSimpleName() + "]";
            default -> method.invoke(useCase, args);
        };
    }
}
