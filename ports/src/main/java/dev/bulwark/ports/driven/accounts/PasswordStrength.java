package dev.bulwark.ports.driven.accounts;

import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** Judges a new password with a real strength estimator (common passwords, patterns, words from the user's inputs). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1.0")
public interface PasswordStrength {
    /**
     * Why the password is too weak, for the user (never quoting it), or empty when it is strong enough.
     *
     * @param userInputs words an attacker would try first (the email and its parts)
     */
    Optional<String> weakness(String password, List<String> userInputs);
}
