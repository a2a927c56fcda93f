package org.movierec.training.run;

import org.movierec.training.eval.KFoldSplitter;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.Splitter;
import org.movierec.training.eval.TemporalSplitter;

/** The splitter named by a run's settings. */
final class Splitters {

    private Splitters() {
    }

    static Splitter create(String method, double testFraction, int folds, long seed) {
        return switch (method) {
            case "random" -> new RandomHoldoutSplitter(testFraction, seed);
            case "temporal" -> new TemporalSplitter(testFraction);
            case "kfold" -> new KFoldSplitter(folds, seed);
            default -> throw new IllegalArgumentException("unknown split method '" + method
                    + "'; expected random, temporal or kfold");
        };
    }
}
