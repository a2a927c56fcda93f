package org.movierec.serving.insight;

import java.util.List;

/**
 * A well-formed name or title that nothing in the data matches, or a filter that no row meets;
 * answered as a 404 with the message and, where there are some, names that contain the text asked.
 */
final class UnknownValueException extends RuntimeException {

    private final String parameter;
    private final List<String> suggestions;

    UnknownValueException(String parameter, String message, List<String> suggestions) {
        super(message);
        this.parameter = parameter;
        this.suggestions = List.copyOf(suggestions);
    }

    String parameter() {
        return parameter;
    }

    List<String> suggestions() {
        return suggestions;
    }
}
