package org.movierec.training.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A trainer's hyper-parameters: the values given on the command line (or by a search) over the trainer's
 * defaults, each checked against its bounds. What the trainer read is kept, in order, for MLflow and the
 * manifest; a given name that no trainer parameter reads is an error, so a typo never goes unnoticed.
 */
public final class HyperParameters {

    private final Map<String, String> given;
    private final Map<String, String> resolved = new LinkedHashMap<>();

    private HyperParameters(Map<String, String> given) {
        this.given = Map.copyOf(given);
    }

    public static HyperParameters of(Map<String, String> given) {
        return new HyperParameters(given);
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String text = given.get(name);
        int value;
        try {
            value = text == null ? defaultValue : Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw invalid(name, text, "an integer from " + min + " to " + max);
        }
        resolved.put(name, Integer.toString(value));
        return value;
    }

    public long seed(String name, long defaultValue) {
        String text = given.get(name);
        long value;
        try {
            value = text == null ? defaultValue : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer");
        }
        resolved.put(name, Long.toString(value));
        return value;
    }

    public double real(String name, double defaultValue, double min, double max) {
        String text = given.get(name);
        double value;
        try {
            value = text == null ? defaultValue : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, text, "a number from " + min + " to " + max);
        }
        if (!(value >= min && value <= max)) {
            throw invalid(name, text, "a number from " + min + " to " + max);
        }
        resolved.put(name, Double.toString(value));
        return value;
    }

    /**
     * The parameters as the trainer uses them, in the order it read them; fails when a given name was never
     * read.
     *
     * @param modelType named in the error
     */
    public Map<String, String> resolved(String modelType) {
        Set<String> unknown = new TreeSet<>(given.keySet());
        unknown.removeAll(resolved.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("model '" + modelType + "' has no hyper-parameter " + unknown
                    + "; its hyper-parameters are " + resolved.keySet());
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(resolved));
    }

    private static IllegalArgumentException invalid(String name, String text, String expected) {
        return new IllegalArgumentException("hyper-parameter " + name + "=" + text + " is invalid: expected " + expected);
    }
}
