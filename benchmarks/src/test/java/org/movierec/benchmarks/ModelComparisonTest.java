package org.movierec.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.KFoldSplitter;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.Split;
import org.movierec.training.run.ValidationSearch;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.Trainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ModelComparisonTest {

    private static final Evaluator EVALUATOR = new Evaluator(new EvaluationSettings(3.5, List.of(10), 0, 42, 1));

    @TempDir
    Path dir;

    @Test
    void writesTheHoldoutSplitAndItemsAndReportsWhatTheEvaluatorMeasures() throws IOException {
        Path release = writeRelease();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("fold-3-train.csv"), "stale");
        Files.writeString(out.resolve("notes.txt"), "kept");

        ModelComparison.run(ComparisonArguments.parse(new String[] {release.toString(), "--out", out.toString(),
                "--models", "popularity,bias", "--threads", "1"}));

        Ratings ratings = MovieLensRatingsFile.in(release).read();
        Split split = new RandomHoldoutSplitter(0.2, 42).split(ratings).get(0);
        assertThat(Files.readAllLines(out.resolve("holdout-train.csv"))).hasSize(split.train().size() + 1);
        assertThat(Files.readAllLines(out.resolve("holdout-test.csv")).subList(1, split.test().size() + 1))
                .isEqualTo(lines(split.test()));
        assertThat(out.resolve("fold-3-train.csv")).doesNotExist();
        assertThat(out.resolve("notes.txt")).exists();
        List<String> items = Files.readAllLines(out.resolve("items.csv"));
        assertThat(items.get(0)).isEqualTo("movieId");
        assertThat(items.subList(1, items.size()).stream().mapToLong(Long::parseLong).toArray())
                .isEqualTo(ratings.items().ids());

        JsonNode report = JsonMapper.builder().build().readTree(out.resolve("java-results.json").toFile());
        assertThat(report.get("ratings").asInt()).isEqualTo(ratings.size());
        assertThat(report.get("splits").get(0).asString()).isEqualTo("holdout");
        JsonNode popularity = report.get("models").get(0);
        JsonNode bias = report.get("models").get(1);
        assertThat(popularity.get("model").asString()).isEqualTo("popularity");
        assertThat(popularity.get("rmse").isNull()).isTrue();
        assertThat(popularity.get("mae").isNull()).isTrue();
        // chosen as training's default path chooses: a search judged on a validation cut of the train part alone
        Map<String, String> chosen = searched("popularity", split.train());
        assertThat(popularity.get("params").get("half_life_days").asString()).isEqualTo(chosen.get("half_life_days"));
        assertThat(popularity.get("splits").get(0).get("params").get("half_life_days").asString())
                .isEqualTo(chosen.get("half_life_days"));
        Evaluation expectedPopularity = evaluate("popularity", chosen, split);
        assertThat(popularity.get("ndcg_at_10").asDouble()).isEqualTo(expectedPopularity.get("ndcg_at_10"));
        assertThat(popularity.get("recall_at_10").asDouble()).isEqualTo(expectedPopularity.get("recall_at_10"));
        Evaluation expectedBias = evaluate("bias", searched("bias", split.train()), split);
        assertThat(bias.get("rmse").asDouble()).isEqualTo(expectedBias.get("rmse"));
        assertThat(bias.get("mae").asDouble()).isEqualTo(expectedBias.get("mae"));
        assertThat(bias.get("fit_time_s").asDouble()).isPositive();
        assertThat(ModelComparison.line("popularity", Map.of("ndcg_at_10", 0.14759, "recall_at_10", 0.08, "fit_time_s", 0.021)))
                .isEqualTo("popularity                         0.1476     0.0800     0.02");
    }

    @Test
    void kFoldWritesEveryFoldAndAveragesOverThem() throws IOException {
        Path release = writeRelease();
        Path out = dir.resolve("folds");

        ModelComparison.run(ComparisonArguments.parse(new String[] {release.toString(), "--out", out.toString(),
                "--folds", "3", "--models", "bias", "--threads", "1", "--trials", "0"}));

        List<Split> splits = new KFoldSplitter(3, 42).split(MovieLensRatingsFile.in(release).read());
        double meanRmse = 0;
        for (Split split : splits) {
            assertThat(Files.readAllLines(out.resolve(split.name() + "-test.csv"))).hasSize(split.test().size() + 1);
            meanRmse += evaluate("bias", Map.of(), split).get("rmse") / 3;
        }
        JsonNode bias = JsonMapper.builder().build().readTree(out.resolve("java-results.json").toFile()).get("models").get(0);
        assertThat(bias.get("splits")).hasSize(3);
        assertThat(bias.get("params").get("reg_item").asString()).as("--trials 0: the defaults").isEqualTo("10.0");
        assertThat(bias.get("rmse").asDouble()).isCloseTo(meanRmse, within(1e-12));
    }

    private static Evaluation evaluate(String type, Map<String, String> params, Split split) {
        Recommender model = Trainers.create(type, params).train(split.train(), split.train().subset(new int[0]),
                EpochListener.NONE);
        return EVALUATOR.evaluate(model, split);
    }

    /** The hyper-parameters 8 trials choose on the seed-43 validation cut of {@code train}. */
    private static Map<String, String> searched(String type, Ratings train) {
        Split cut = new RandomHoldoutSplitter(0.2, 43).split(train).get(0);
        return ValidationSearch.run(type, Map.of(), 8, 42,
                ValidationSearch.comparedBy("rmse", "ndcg_at_10"),
                (trial, trainer) -> EVALUATOR.evaluate(trainer.train(cut.train(), cut.train().subset(new int[0]),
                        EpochListener.NONE), cut)).best().params();
    }

    /** 40 users, each rating 5 to 24 distinct items of 60, half-star ratings. */
    private Path writeRelease() throws IOException {
        Path release = Files.createDirectories(dir.resolve("ml-tiny"));
        StringBuilder csv = new StringBuilder(MovieLensRatingsFile.CSV_HEADER).append('\n');
        Random random = new Random(3);
        for (int user = 1; user <= 40; user++) {
            Set<Integer> rated = new HashSet<>();
            int count = 5 + random.nextInt(20);
            while (rated.size() < count) {
                rated.add(1 + random.nextInt(60));
            }
            for (int movie : rated) {
                csv.append(user).append(',').append(movie * 10).append(',').append((1 + random.nextInt(10)) / 2.0)
                        .append(',').append(1_600_000_000 + random.nextInt(1000)).append('\n');
            }
        }
        Files.writeString(release.resolve("ratings.csv"), csv);
        return release;
    }

    private static List<String> lines(Ratings ratings) {
        String[] lines = new String[ratings.size()];
        for (int row = 0; row < lines.length; row++) {
            lines[row] = ratings.users().idAt(ratings.user(row)) + "," + ratings.items().idAt(ratings.item(row)) + ","
                    + ratings.rating(row) + "," + ratings.time(row);
        }
        return List.of(lines);
    }
}
