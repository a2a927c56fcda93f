package org.movierec.training.run;

import java.util.Optional;

/**
 * When a champion's forward-in-time figure (on the ratings made after its training snapshot) counts as a drop.
 * Two tests, either is enough:
 * <ul>
 *   <li>below the baseline (the default test): a plain baseline trained on the same snapshot (popularity for
 *       the ranker, user and item biases for the rating predictor) does better on the same new ratings, by
 *       more than {@code baselineTolerance} of its value. The baseline is scored on exactly the users, items and
 *       period the champion is, so it moves with the data; a model that cannot beat it is not worth serving.
 *       The tolerance absorbs the noise of two near-equal models (a popularity champion against the
 *       popularity baseline).</li>
 *   <li>far below its own test figure: worse than the figure it had on its test split when it was trained by
 *       more than {@code maxRelativeDrop} of that figure; 0 (the default) turns it off. A forward-in-time
 *       figure is not comparable with a random hold-out one: NDCG@10 depends on how many of a user's items are
 *       in the test part, and a week brings few. On the training tests' data, ratings that behave like the
 *       old ones gave a forward NDCG@10 64% below the test figure (56% on the whole ml-latest-small sample). A team that has measured its own normal gap
 *       sets this above it.</li>
 * </ul>
 * Nothing is judged on fewer than {@code minNewRatings} new ratings.
 */
public record DropRule(double baselineTolerance, double maxRelativeDrop, int minNewRatings) {

    public static final DropRule DEFAULT = new DropRule(0.02, 0, 100);

    public DropRule {
        if (!(baselineTolerance >= 0) || !(maxRelativeDrop >= 0) || minNewRatings < 1) {
            throw new IllegalArgumentException("drop rule: tolerances must be >= 0 and the minimum of new ratings >= 1, got "
                    + baselineTolerance + ", " + maxRelativeDrop + ", " + minNewRatings);
        }
    }

    /**
     * Why {@code figure} is a drop, or empty when it is not; NaN for the baseline or the test figure skips that
     * test.
     */
    public Optional<String> judge(String metric, double figure, double baseline, double testFigure) {
        boolean lower = Promotion.lowerIsBetter(metric);
        if (!Double.isNaN(baseline) && worseBy(lower, figure, baseline) > baselineTolerance * Math.abs(baseline)) {
            return Optional.of(String.format("%s %.5f is %.1f%% worse than the baseline's %.5f on the same "
                            + "new ratings (tolerance %.1f%%)", metric, figure, 100 * worseBy(lower, figure, baseline)
                            / Math.abs(baseline), baseline, 100 * baselineTolerance));
        }
        if (maxRelativeDrop > 0 && !Double.isNaN(testFigure) && testFigure != 0
                && worseBy(lower, figure, testFigure) > maxRelativeDrop * Math.abs(testFigure)) {
            return Optional.of(String.format("%s %.5f is %.1f%% worse than its own test figure %.5f (allowed %.1f%%)",
                    metric, figure, 100 * worseBy(lower, figure, testFigure) / Math.abs(testFigure), testFigure,
                    100 * maxRelativeDrop));
        }
        return Optional.empty();
    }

    /** How much worse {@code figure} is than {@code reference} (negative when better). */
    private static double worseBy(boolean lowerIsBetter, double figure, double reference) {
        return lowerIsBetter ? figure - reference : reference - figure;
    }
}
