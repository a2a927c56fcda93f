package org.movierec.training.train;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.movierec.training.dl4j.AutoRecTrainer;
import org.movierec.training.dl4j.MultDaeTrainer;

/** Every trainable model type by name, each built from hyper-parameter overrides. */
public final class Trainers {

    private static final Map<String, Function<Map<String, String>, Trainer>> TRAINERS = Map.of(
            "bias", BiasTrainer::new,
            "popularity", PopularityTrainer::new,
            "mf", MfTrainer::new,
            "ease", EaseTrainer::new,
            "knn", overrides -> new KnnTrainer(overrides, false),
            "knn-learned", overrides -> new KnnTrainer(overrides, true),
            "autorec", AutoRecTrainer::new,
            "dae", MultDaeTrainer::new,
            "blend", BlendTrainer::new);

    private Trainers() {
    }

    public static Set<String> types() {
        return new TreeSet<>(TRAINERS.keySet());
    }

    /**
     * @throws IllegalArgumentException for an unknown type or an invalid or unknown hyper-parameter, with a
     *                                  message naming it and what is expected
     */
    public static Trainer create(String type, Map<String, String> hyperParameters) {
        Function<Map<String, String>, Trainer> factory = TRAINERS.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("unknown model type '" + type + "'; expected one of " + types());
        }
        return factory.apply(hyperParameters);
    }
}
