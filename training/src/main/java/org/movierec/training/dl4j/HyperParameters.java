package org.movierec.training.dl4j;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a trainer's hyper-parameters from a map of overrides (snake_case names, string values), each with
 * its default and allowed range, and records the resolved values for {@code params()}. A value that does
 * not parse or is out of range, and a name the trainer does not know, are refused with a message naming
 * the parameter and what is allowed.
 */
final class HyperParameters {

    private final String type;
    private final Map<String, String> overrides;
    private final Map<String, String> resolved = new TreeMap<>();

    HyperParameters(String type, Map<String, String> overrides) {
        this.type = type;
        this.overrides = Map.copyOf(overrides);
    }

    int integer(String name, int defaultValue, int min, int max) {
        String text = text(name, String.valueOf(defaultValue));
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer in [" + min + ", " + max + "]");
        }
        if (value < min || value > max) {
            throw invalid(name, text, "an integer in [" + min + ", " + max + "]");
        }
        resolved.put(name, String.valueOf(value));
        return value;
    }

    double real(String name, double defaultValue, double min, double max) {
        String text = text(name, String.valueOf(defaultValue));
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "a number in [" + min + ", " + max + "]");
        }
        if (!(value >= min && value <= max)) {
            throw invalid(name, text, "a number in [" + min + ", " + max + "]");
        }
        resolved.put(name, String.valueOf(value));
        return value;
    }

    long seed(String name, long defaultValue) {
        String text = text(name, String.valueOf(defaultValue));
        try {
            long value = Long.parseLong(text.trim());
            resolved.put(name, String.valueOf(value));
            return value;
        } catch (NumberFormatException e) {
            throw invalid(name, text, "a 64-bit integer");
        }
    }

    /** Every resolved value, sorted by name; refuses overrides of parameters that were never read. */
    Map<String, String> resolved() {
        Set<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(resolved.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(type + " has no parameter " + String.join(", ", unknown)
                    + "; its parameters are " + resolved.keySet());
        }
        return Collections.unmodifiableMap(new TreeMap<>(resolved));
    }

    private String text(String name, String defaultText) {
        String text = overrides.get(name);
        return text == null ? defaultText : text;
    }

    private IllegalArgumentException invalid(String name, String text, String expected) {
        return new IllegalArgumentException(type + " parameter " + name + " must be " + expected + ", got '"
                + text + "'");
    }
}
