package dev.bulwark.host.embedded.validation;

import dev.bulwark.ports.errors.Invalid;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Validates a driving command against the Bean Validation annotations on its record, and reports every field
 * error at once as one {@link Invalid}. The values themselves are never echoed: a field may hold a secret.
 */
public final class CommandValidator implements AutoCloseable {
    private final ValidatorFactory factory;
    private final Validator validator;

    public CommandValidator() {
        this.factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /** Returns the command when it is valid; throws {@link Invalid} listing every violation otherwise. */
    public <T> T validate(T command) {
        Set<ConstraintViolation<T>> violations = validator.validate(command);
        if (violations.isEmpty()) {
            return command;
        }
        List<Invalid.FieldError> errors = violations.stream()
                .map(v -> new Invalid.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(Comparator.comparing(Invalid.FieldError::field).thenComparing(Invalid.FieldError::message))
                .toList();
        throw new Invalid(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
    }

    @Override
    public void close() {
        factory.close();
    }
}
