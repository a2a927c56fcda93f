package org.movierec.serving.recommendation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code serving.recommendation.*}.
 *
 * @param meanDamping      {@code m} of a movie's damped mean rating {@code (sum + m * mu) / (count + m)}, the
 *                         prediction for a movie the predictor does not know: how many ratings of the global
 *                         mean {@code mu} each movie's mean is pulled towards
 * @param likedThreshold   a predicted rating at least this high is answered {@code recommended: true}
 * @param similarCandidates how many titles similar to a movie, by content and by the model each (by the model at
 *                          most serving.model.neighbours), are ranked
 *                          for the user when top-N is asked for titles similar to a movie
 * @param answersKept      how many top-N answers of the model are kept for the next request of the same user with
 *                          the same ratings, filters and {@code n} ({@link KeptAnswers}); 0 keeps none
 */
@ConfigurationProperties("serving.recommendation")
record RecommendationProperties(double meanDamping, double likedThreshold, int similarCandidates, int answersKept) {

    RecommendationProperties {
        if (!(meanDamping >= 0) || Double.isInfinite(meanDamping)) {
            throw new IllegalArgumentException("serving.recommendation.mean-damping must be a number >= 0, got "
                    + meanDamping);
        }
        if (!(likedThreshold >= 0.5 && likedThreshold <= 5.0)) {
            throw new IllegalArgumentException("serving.recommendation.liked-threshold must be a rating from 0.5 to 5.0, "
                    + "got " + likedThreshold);
        }
        if (similarCandidates < 1 || similarCandidates > 10_000) {
            throw new IllegalArgumentException("serving.recommendation.similar-candidates must be from 1 to 10000, got "
                    + similarCandidates);
        }
        if (answersKept < 0) {
            throw new IllegalArgumentException("serving.recommendation.answers-kept must be 0 (none kept) or more, got "
                    + answersKept);
        }
    }
}
