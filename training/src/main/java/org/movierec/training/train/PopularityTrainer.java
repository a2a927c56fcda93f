package org.movierec.training.train;

import java.util.Map;
import org.movierec.model.PopularityModel;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;

/**
 * The damped-popularity baseline: each item's mean rating pulled towards the global mean by
 * {@code damping} virtual ratings, {@code (sum + damping * mu) / (count + damping)}. A title rated 5 by one
 * user does not outrank one rated 4.3 by hundreds.
 */
public final class PopularityTrainer implements Trainer {

    private final double damping;
    private final Map<String, String> params;

    public PopularityTrainer(Map<String, String> overrides) {
        HyperParameters hp = HyperParameters.of(overrides);
        damping = hp.real("damping", 25, 0, 1e6);
        params = hp.resolved(type());
    }

    @Override
    public String type() {
        return PopularityModel.TYPE;
    }

    @Override
    public Map<String, String> params() {
        return params;
    }

    @Override
    public Recommender train(Ratings train, Ratings validation, EpochListener listener) {
        double mu = train.meanRating();
        double[] sum = new double[train.items().size()];
        int[] count = new int[sum.length];
        for (int row = 0; row < train.size(); row++) {
            sum[train.item(row)] += train.rating(row);
            count[train.item(row)]++;
        }
        float[] scores = new float[sum.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = count[i] == 0 ? 0 : (float) ((sum[i] + damping * mu) / (count[i] + damping));
        }
        return new PopularityModel(train.items(), scores);
    }
}
