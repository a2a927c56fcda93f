package org.movierec.training.eval;

import java.io.IOException;
import java.nio.file.Path;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;

/**
 * A model trained on another snapshot, seen through the item index of the current one, so that a
 * champion and a candidate are evaluated on the same split. A user's ratings of movies the model does not
 * know are left out of their profile; a movie it does not know gets, from a rating predictor, the user's
 * mean predicted rating (a neutral guess), and from a ranker the lowest score (never recommended).
 */
public final class RemappedRecommender implements Recommender {

    private final Recommender model;
    private final IdIndex items;
    private final int[] toModel;

    RemappedRecommender(Recommender model, IdIndex items) {
        this.model = model;
        this.items = items;
        this.toModel = new int[items.size()];
        for (int i = 0; i < toModel.length; i++) {
            toModel[i] = model.items().indexOf(items.idAt(i));
        }
    }

    /** The model itself when it already speaks of these items, else a remapping view of it. */
    public static Recommender onItems(Recommender model, IdIndex items) {
        return model.items().equals(items) ? model : new RemappedRecommender(model, items);
    }

    @Override
    public String type() {
        return model.type();
    }

    @Override
    public IdIndex items() {
        return items;
    }

    @Override
    public boolean predictsRatings() {
        return model.predictsRatings();
    }

    @Override
    public float[] score(UserRatings user) {
        int known = 0;
        for (int item : user.items()) {
            known += toModel[item] >= 0 ? 1 : 0;
        }
        int[] profileItems = new int[known];
        float[] profileRatings = new float[known];
        for (int k = 0, n = 0; k < user.size(); k++) {
            int mapped = toModel[user.items()[k]];
            if (mapped >= 0) {
                profileItems[n] = mapped;
                profileRatings[n++] = user.ratings()[k];
            }
        }
        float[] modelScores = model.score(new UserRatings(profileItems, profileRatings));
        double sum = 0;
        for (float score : modelScores) {
            sum += score;
        }
        float neutral = !model.predictsRatings() ? -Float.MAX_VALUE
                : modelScores.length == 0 ? 0 : (float) (sum / modelScores.length);
        float[] scores = new float[items.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = toModel[i] >= 0 ? modelScores[toModel[i]] : neutral;
        }
        return scores;
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        throw new UnsupportedOperationException("a remapped view is for evaluation only; save the model itself");
    }
}
