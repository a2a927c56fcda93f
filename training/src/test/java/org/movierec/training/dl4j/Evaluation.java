package org.movierec.training.dl4j;

import java.util.Arrays;
import org.movierec.model.IdIndex;
import org.movierec.model.PopularityModel;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;

/** The figures the DL4J trainers are measured with: RMSE of rating predictions, NDCG and recall at k. */
final class Evaluation {

    /** Mean NDCG@k and Recall@k over the users with relevant test items. */
    record Ranking(double ndcg, double recall, int users) {
    }

    private Evaluation() {
    }

    /** The RMSE on {@code test} of a model indexing items as the ratings do, scoring users from {@code train}. */
    static double rmse(Recommender model, Ratings train, Ratings test) {
        Ratings.ByUser trainByUser = train.byUser();
        Ratings.ByUser testByUser = test.byUser();
        double sum = 0;
        int count = 0;
        for (int u = 0; u < test.users().size(); u++) {
            if (testByUser.count(u) == 0) {
                continue;
            }
            float[] scores = model.score(trainByUser.ratings(u));
            for (int row : testByUser.rows(u)) {
                double error = scores[test.item(row)] - test.rating(row);
                sum += error * error;
                count++;
            }
        }
        return Math.sqrt(sum / count);
    }

    /**
     * NDCG@k and Recall@k (hits over {@code min(k, relevant)}, as Liang et al.) of the model's top k among the
     * items the user did not rate in {@code train}, the relevant items being the user's test items rated at
     * least {@code relevant}; relevant items the model does not know count as misses.
     */
    static Ranking ranking(Recommender model, Ratings train, Ratings test, int k, float relevant) {
        IdIndex modelItems = model.items();
        int[] toModel = new int[train.items().size()];
        for (int i = 0; i < toModel.length; i++) {
            toModel[i] = modelItems.indexOf(train.items().idAt(i));
        }
        Ratings.ByUser trainByUser = train.byUser();
        Ratings.ByUser testByUser = test.byUser();
        double ndcg = 0;
        double recall = 0;
        int users = 0;
        for (int u = 0; u < test.users().size(); u++) {
            int[] relevantItems = Arrays.stream(testByUser.rows(u)).filter(row -> test.rating(row) >= relevant)
                    .map(test::item).toArray();
            if (relevantItems.length == 0) {
                continue;
            }
            UserRatings history = trainByUser.ratings(u);
            float[] scores = model.score(inModel(history, toModel));
            boolean[] excluded = new boolean[scores.length];
            for (int item : history.items()) {
                if (toModel[item] >= 0) {
                    excluded[toModel[item]] = true;
                }
            }
            boolean[] isRelevant = new boolean[scores.length];
            for (int item : relevantItems) {
                if (toModel[item] >= 0) {
                    isRelevant[toModel[item]] = true;
                }
            }
            int[] top = top(scores, excluded, k);
            double dcg = 0;
            int hits = 0;
            for (int rank = 0; rank < top.length; rank++) {
                if (isRelevant[top[rank]]) {
                    dcg += 1 / log2(rank + 2);
                    hits++;
                }
            }
            double ideal = 0;
            for (int rank = 0; rank < Math.min(k, relevantItems.length); rank++) {
                ideal += 1 / log2(rank + 2);
            }
            ndcg += dcg / ideal;
            recall += (double) hits / Math.min(k, relevantItems.length);
            users++;
        }
        return new Ranking(ndcg / users, recall / users, users);
    }

    /** Scores every item by its number of training ratings. */
    static PopularityModel popularity(Ratings train) {
        float[] counts = new float[train.items().size()];
        for (int row = 0; row < train.size(); row++) {
            counts[train.item(row)]++;
        }
        return new PopularityModel(train.items(), counts);
    }

    private static UserRatings inModel(UserRatings ratings, int[] toModel) {
        int[] items = Arrays.stream(ratings.items()).map(item -> toModel[item]).toArray();
        int kept = (int) Arrays.stream(items).filter(item -> item >= 0).count();
        int[] keptItems = new int[kept];
        float[] keptRatings = new float[kept];
        for (int j = 0, n = 0; j < items.length; j++) {
            if (items[j] >= 0) {
                keptItems[n] = items[j];
                keptRatings[n++] = ratings.ratings()[j];
            }
        }
        return new UserRatings(keptItems, keptRatings);
    }

    /** The indices of the k highest scores that are not excluded, best first (ties to the lower index). */
    static int[] top(float[] scores, boolean[] excluded, int k) {
        return java.util.stream.IntStream.range(0, scores.length).filter(i -> !excluded[i]).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
