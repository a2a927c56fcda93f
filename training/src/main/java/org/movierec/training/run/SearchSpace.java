package org.movierec.training.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The declared hyper-parameter space that {@code tune} samples at random, per model type. Each dimension is
 * an integer range, a real range, or a real range sampled on a log scale (learning rates, penalties).
 */
public final class SearchSpace {

    /** One hyper-parameter's range. */
    record Dimension(String name, double min, double max, boolean integer, boolean logScale) {

        String sample(SplittableRandom random) {
            double u = random.nextDouble();
            if (integer) {
                // every integer of [min, max] equally likely, the ends included
                return Long.toString((long) Math.min(max, Math.floor(min + u * (max - min + 1))));
            }
            double value = logScale ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
            return String.format(Locale.ROOT, "%.6g", value);
        }

        String describe() {
            return (integer ? "int" : logScale ? "log" : "real") + "[" + format(min) + ", " + format(max) + "]";
        }

        private static String format(double value) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
    }

    private static final Map<String, List<Dimension>> SPACES = Map.of(
            "bias", List.of(real("reg_item", 1, 50), real("reg_user", 1, 50)),
            "popularity", List.of(log("half_life_days", 30, 3650)),
            "ease", List.of(log("lambda", 10, 5000), real("rating_power", 0, 2)),
            "knn", List.of(integer("neighbours", 20, 1000), log("shrinkage", 10, 1000)),
            "knn-learned", List.of(integer("neighbours", 20, 300), integer("epochs", 20, 80),
                    log("learning_rate", 0.002, 0.02), log("reg", 0.001, 0.1)),
            "autorec", List.of(integer("hidden_units", 50, 500), integer("epochs", 5, 30), log("learning_rate", 3e-4, 1e-2),
                    log("l2", 1e-4, 3e-2)),
            "dae", List.of(integer("hidden_units", 100, 600), integer("epochs", 5, 30), log("learning_rate", 1e-3, 1e-2),
                    real("dropout", 0.2, 0.7)),
            "mf", List.of(integer("factors", 8, 200), integer("epochs", 10, 60), log("learning_rate", 0.002, 0.03),
                    log("reg", 0.005, 0.2), log("fold_in_reg_per_rating", 0.02, 0.5)),
            // Spark's ALS (module training-spark)
            "als", List.of(integer("factors", 8, 128), integer("iterations", 5, 20), log("reg", 0.01, 0.3)),
            "als-implicit", List.of(integer("factors", 8, 128), integer("iterations", 5, 20), log("reg", 0.001, 0.3),
                    log("alpha", 0.1, 40)));

    private final List<Dimension> dimensions;

    private SearchSpace(List<Dimension> dimensions) {
        this.dimensions = dimensions;
    }

    /** Whether {@code modelType} has a declared search space with a dimension that {@code fixed} leaves free. */
    public static boolean searchable(String modelType, Map<String, String> fixed) {
        return SPACES.containsKey(modelType) && of(modelType).searches(fixed);
    }

    public static SearchSpace of(String modelType) {
        List<Dimension> dimensions = SPACES.get(modelType);
        if (dimensions == null) {
            throw new IllegalArgumentException("model '" + modelType + "' has no declared search space; tune knows "
                    + new java.util.TreeSet<>(SPACES.keySet()));
        }
        return new SearchSpace(dimensions);
    }

    /** Whether any dimension is left to search when {@code fixed} are given. */
    public boolean searches(Map<String, String> fixed) {
        return dimensions.stream().anyMatch(dimension -> !fixed.containsKey(dimension.name()));
    }

    /**
     * One trial's hyper-parameters: the fixed ones given on the command line, the others sampled.
     */
    public Map<String, String> sample(Map<String, String> fixed, SplittableRandom random) {
        Map<String, String> values = new LinkedHashMap<>(fixed);
        for (Dimension dimension : dimensions) {
            String sampled = dimension.sample(random);
            values.putIfAbsent(dimension.name(), sampled);
        }
        return values;
    }

    /** The space as MLflow parameters of the parent run, e.g. {@code search.factors = int[8, 200]}. */
    public Map<String, String> params(Map<String, String> fixed) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Dimension dimension : dimensions) {
            params.put("search." + dimension.name(), fixed.containsKey(dimension.name())
                    ? "fixed " + fixed.get(dimension.name()) : dimension.describe());
        }
        return params;
    }

    private static Dimension integer(String name, int min, int max) {
        return new Dimension(name, min, max, true, false);
    }

    private static Dimension real(String name, double min, double max) {
        return new Dimension(name, min, max, false, false);
    }

    private static Dimension log(String name, double min, double max) {
        return new Dimension(name, min, max, false, true);
    }
}
