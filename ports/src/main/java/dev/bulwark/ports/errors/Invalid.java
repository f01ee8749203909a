package dev.bulwark.ports.errors;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/** The input is wrong. Lists every field error at once, so a user fixes everything in one go. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public final class Invalid extends BulwarkException {
    private static final long serialVersionUID = 1L;

    /** One wrong field: its path in the command ({@code sizing.amount}) and what is wrong with it. */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<FieldError> fieldErrors;

    public Invalid(String message, List<FieldError> fieldErrors) {
        super(message, null);
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public Invalid(String message) {
        this(message, List.of());
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    @Override
    public String code() {
        return "invalid";
    }
}
