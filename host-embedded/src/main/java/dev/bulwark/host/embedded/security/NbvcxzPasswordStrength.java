package dev.bulwark.host.embedded.security;

import dev.bulwark.ports.driven.accounts.PasswordStrength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Password strength by nbvcxz (a zxcvbn descendant: dictionaries of leaked passwords, names and words, keyboard
 * patterns, sequences, dates, leet substitutions), with its default minimum entropy. The user's own inputs (the
 * email and its parts) join the dictionaries for each call, so "ann.smith2026!" is weak for ann.smith. The answer
 * is nbvcxz's English feedback, which names the kind of weakness and never the password.
 *
 * <p>Thread-safe: the default configuration is built once and read only; a call with user inputs builds its own.
 */
public final class NbvcxzPasswordStrength implements PasswordStrength {
    private static final String FALLBACK = "Too easy to guess: add another word or two. Uncommon words are better.";

    private final List<Dictionary> defaultDictionaries = ConfigurationBuilder.getDefaultDictionaries();
    private final Configuration defaults = configuration(defaultDictionaries);

    @Override
    public Optional<String> weakness(String password, List<String> userInputs) {
        Configuration configuration = defaults;
        List<String> words = userInputs.stream().filter(w -> w != null && !w.isBlank())
                .map(w -> w.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (!words.isEmpty()) {
            List<Dictionary> dictionaries = new ArrayList<>(defaultDictionaries);
            DictionaryBuilder user = new DictionaryBuilder().setDictionaryName("user_inputs").setExclusion(false);
            for (int rank = 0; rank < words.size(); rank++) {
                // rank 1 is the most likely guess: the whole email first, then its parts
                user.addWord(words.get(rank), rank + 1);
            }
            dictionaries.add(user.createDictionary());
            configuration = configuration(dictionaries);
        }
        Result result = new Nbvcxz(configuration).estimate(password);
        if (result.isMinimumEntropyMet()) {
            return Optional.empty();
        }
        return Optional.of(message(result.getFeedback()));
    }

    private static Configuration configuration(List<Dictionary> dictionaries) {
        return new ConfigurationBuilder().setLocale(Locale.ENGLISH).setDictionaries(dictionaries).createConfiguration();
    }

    private static String message(Feedback feedback) {
        String warning = feedback.getWarning();
        List<String> suggestions = feedback.getSuggestion();
        StringBuilder text = new StringBuilder();
        if (warning != null && !warning.isBlank()) {
            text.append(warning.strip());
        }
        if (suggestions != null) {
            for (String suggestion : suggestions) {
                if (suggestion != null && !suggestion.isBlank()) {
                    text.append(text.isEmpty() ? "" : " ").append(suggestion.strip());
                }
            }
        }
        return text.isEmpty() ? FALLBACK : "Too easy to guess. " + text;
    }
}
