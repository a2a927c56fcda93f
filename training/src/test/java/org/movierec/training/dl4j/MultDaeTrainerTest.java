package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.model.DaeModel;
import org.movierec.model.IdIndex;
import org.movierec.model.ModelManifest;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.model.UserRatings;
import org.movierec.training.data.Ratings;
import org.movierec.training.train.EpochListener;

class MultDaeTrainerTest {

    private static final Map<String, String> SMALL = Map.of("hidden_units", "8", "epochs", "12",
            "learning_rate", "0.01", "batch_size", "8", "l2", "0.0001");

    @Test
    void everyHyperParameterIsListedWithItsDefault() {
        assertThat(new MultDaeTrainer(Map.of()).params()).containsOnlyKeys("hidden_units", "epochs", "learning_rate",
                "l2", "dropout", "batch_size", "threshold", "max_items", "seed");
        assertThat(new MultDaeTrainer(Map.of()).type()).isEqualTo("dae");
        assertThatThrownBy(() -> new MultDaeTrainer(Map.of("dropout", "1")))
                .hasMessage("hyper-parameter dropout=1 is invalid: expected a number from 0.0 to 0.95");
    }

    @Test
    void learnsWhichGroupOfItemsAUserLikes() {
        Ratings[] split = TinyRatings.split();
        List<Double> validationLosses = new ArrayList<>();

        DaeModel model = new MultDaeTrainer(SMALL).train(split[0], split[1],
                (epoch, epochs, trainLoss, validationLoss) -> validationLosses.add(validationLoss));

        assertThat(validationLosses).hasSize(12);
        assertThat(validationLosses.get(11)).isLessThan(validationLosses.get(0));
        Ratings.ByUser byUser = split[0].byUser();
        for (int u = 0; u < TinyRatings.USERS; u++) {
            float[] scores = model.score(inModel(byUser.ratings(u), split[0].items(), model.items()));
            double liked = 0;
            double other = 0;
            for (int i = 0; i < TinyRatings.ITEMS; i++) {
                if (TinyRatings.likes(u, i)) {
                    liked += scores[i];
                } else {
                    other += scores[i];
                }
            }
            assertThat(liked).as("user %d", u).isGreaterThan(other);
        }
    }

    @Test
    void theCoreModelScoresAsTheNetwork() {
        Ratings[] split = TinyRatings.split();
        DaeNetwork network = new MultDaeTrainer(SMALL).fit(split[0], split[1], EpochListener.NONE);
        DaeModel model = network.export();
        int[] users = {0, 5, 21, 39};

        float[][] output = network.output(users, 0, users.length);

        Ratings.ByUser byUser = split[0].byUser();
        for (int b = 0; b < users.length; b++) {
            float[] scores = model.score(inModel(byUser.ratings(users[b]), split[0].items(), model.items()));
            float[] probabilities = softmax(scores);
            assertThat(probabilities).containsExactly(output[b], within(1e-5f));
            assertThat(top(scores, 10)).containsExactly(top(output[b], 10));
        }
    }

    @Test
    void aSavedAndLoadedModelScoresTheSame(@TempDir Path dir) throws Exception {
        Ratings[] split = TinyRatings.split();
        DaeModel model = new MultDaeTrainer(Map.of("hidden_units", "4", "epochs", "2"))
                .train(split[0], split[1], EpochListener.NONE);
        SavedModels.save(model, ModelManifest.of(model.type(), Map.of(), Instant.EPOCH), dir);

        Recommender loaded = SavedModels.load(dir);

        UserRatings user = inModel(split[0].byUser().ratings(3), split[0].items(), model.items());
        assertThat(loaded.score(user)).containsExactly(model.score(user));
    }

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Ratings[] split = TinyRatings.split();
        Map<String, String> otherSeed = new HashMap<>(SMALL);
        otherSeed.put("seed", "7");
        UserRatings user = inModel(split[0].byUser().ratings(0), split[0].items(), split[0].items());

        float[] first = new MultDaeTrainer(SMALL).train(split[0], split[1], EpochListener.NONE).score(user);
        float[] again = new MultDaeTrainer(SMALL).train(split[0], split[1], EpochListener.NONE).score(user);
        float[] other = new MultDaeTrainer(otherSeed).train(split[0], split[1], EpochListener.NONE).score(user);

        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void maxItemsKeepsTheMostRatedItems() {
        Ratings[] split = TinyRatings.split();
        int[] counts = new int[TinyRatings.ITEMS];
        for (int row = 0; row < split[0].size(); row++) {
            counts[split[0].item(row)]++;
        }
        Columns expected = Columns.mostFrequent(counts, 12);

        DaeModel model = new MultDaeTrainer(Map.of("max_items", "12", "hidden_units", "4", "epochs", "1"))
                .train(split[0], split[1], EpochListener.NONE);

        assertThat(model.items().size()).isEqualTo(12);
        for (int column = 0; column < 12; column++) {
            assertThat(model.items().idAt(column)).isEqualTo(split[0].items().idAt(expected.indexAt()[column]));
        }
        int least = java.util.Arrays.stream(expected.indexAt()).map(i -> counts[i]).min().orElseThrow();
        for (int i = 0; i < TinyRatings.ITEMS; i++) {
            if (model.items().indexOf(split[0].items().idAt(i)) < 0) {
                assertThat(counts[i]).isLessThanOrEqualTo(least);
            }
        }
    }

    /** A user's ratings with the item indices of {@code to} (items it does not know are dropped). */
    static UserRatings inModel(UserRatings ratings, IdIndex from, IdIndex to) {
        List<int[]> kept = new ArrayList<>();
        for (int j = 0; j < ratings.size(); j++) {
            int index = to.indexOf(from.idAt(ratings.items()[j]));
            if (index >= 0) {
                kept.add(new int[] {index, j});
            }
        }
        int[] items = kept.stream().mapToInt(pair -> pair[0]).toArray();
        float[] values = new float[items.length];
        for (int k = 0; k < items.length; k++) {
            values[k] = ratings.ratings()[kept.get(k)[1]];
        }
        return new UserRatings(items, values);
    }

    private static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit - max);
        }
        float[] probabilities = new float[logits.length];
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = (float) (Math.exp(logits[i] - max) / sum);
        }
        return probabilities;
    }

    /** The indices of the k highest scores, ties to the lower index. */
    private static int[] top(float[] scores, int k) {
        return java.util.stream.IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
