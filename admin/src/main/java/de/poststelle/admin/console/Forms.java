package de.poststelle.admin.console;

import de.poststelle.admin.access.ConflictException;
import org.springframework.validation.BindingResult;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a service call for a submitted form. A refusal the user can fix (invalid or conflicting
 * input) is shown next to the field it concerns, or above the form when no one field is at fault;
 * permission refusals pass on to the error pages.
 */
final class Forms {

    private Forms() {
    }

    /** The call's result, or empty when the form had errors already or the service refused. */
    static <T> Optional<T> attempt(BindingResult form, String field, Supplier<T> call) {
        if (form.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(call.get());
        } catch (IllegalArgumentException | ConflictException refusal) {
            if (field == null) {
                form.reject("refused", refusal.getMessage());
            } else {
                form.rejectValue(field, "refused", refusal.getMessage());
            }
            return Optional.empty();
        }
    }

    static boolean attempt(BindingResult form, String field, Runnable call) {
        return attempt(form, field, () -> {
            call.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Parses one field's text; on failure records the error under the given message code and returns empty. */
    static <T> Optional<T> parse(BindingResult form, String field, String text, String code, Function<String, T> parser) {
        try {
            return Optional.of(parser.apply(text == null ? "" : text.strip()));
        } catch (RuntimeException invalid) {
            form.rejectValue(field, code, new Object[]{text}, invalid.getMessage());
            return Optional.empty();
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
