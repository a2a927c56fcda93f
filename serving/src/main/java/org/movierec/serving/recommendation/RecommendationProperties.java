package org.movierec.serving.recommendation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code serving.recommendation.*}.
 *
 * @param coldStartDamping {@code m} of the cold-start ranking {@code (sum + m * mu) / (count + m)}: how many
 *                         ratings of the global mean {@code mu} each movie's mean is pulled towards
 */
@ConfigurationProperties("serving.recommendation")
record RecommendationProperties(double coldStartDamping) {

    RecommendationProperties {
        if (!(coldStartDamping >= 0) || Double.isInfinite(coldStartDamping)) {
            throw new IllegalArgumentException("serving.recommendation.cold-start-damping must be a number >= 0, got "
                    + coldStartDamping);
        }
    }
}
