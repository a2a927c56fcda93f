package org.movierec.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.EvaluationSettings;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.KFoldSplitter;
import org.movierec.training.eval.RandomHoldoutSplitter;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.SplitFiles;
import org.movierec.training.eval.Splitter;
import org.movierec.training.run.SearchSpace;
import org.movierec.training.run.ValidationSearch;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.Trainer;
import org.movierec.training.train.Trainers;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model-quality benchmark's Java side (no Spring, no database): reads a MovieLens release's ratings file,
 * splits it, writes the split files ({@link SplitFiles}), the validation cut of each train part (under
 * {@code validation/}) and the ranked item universe ({@code items.csv}) for the Python side
 * ({@code bench/peers_compare.py}, {@code bench/surprise_compare.py}) to read, then trains every model type on each
 * split as {@code training.jar train} does ({@link InJvm}: hyper-parameters chosen on the validation cut), evaluates
 * it with the project's {@link Evaluator} (liked at 3.5, K = 10, every user) and prints one line per model: RMSE,
 * MAE (blank for a model that only ranks), NDCG@10, Recall@10 and fit time, means over the folds for a k-fold. The
 * same figures go to {@code java-results.json}. Run on training.jar's classpath by {@code bench/compare-models.sh}
 * (bench/bench-classes.sh); {@link SparkModelComparison} runs the same comparison for Spark's ALS
 * ({@link #run(String[], Collection, String, boolean, Fitting)}).
 */
public final class ModelComparison {

    public static final int K = 10;
    static final String ITEMS_FILE = "items.csv";
    static final String RESULTS_FILE = "java-results.json";
    /** The folder of the validation cut of each split's train part, for the peers to tune on. */
    static final String VALIDATION_DIR = "validation";
    static final String LINE_FORMAT = "%-16s %7s %7s %8s %10s %8s";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ModelComparison() {
    }

    /** How the comparison trains one model type on a split's train part. */
    public interface Fitting {
        /** The hyper-parameters that {@link #fit} trains {@code type} with. */
        Map<String, String> params(String type);

        Recommender fit(String type, Ratings train);

        /** Of the last {@link #fit} of {@code type}, the seconds its hyper-parameter search took (0: none). */
        default double searchSeconds(String type) {
            return 0;
        }
    }

    /**
     * The project's in-JVM trainers ({@link Trainers}) as {@code training.jar train} runs them: the hyper-parameters
     * chosen by a {@link ValidationSearch} of {@code trials} trials on a validation cut of the train part (a
     * per-user hold-out of the same fraction, seed + 1), never on the test part; the defaults where the model has
     * no search space or {@code trials} is 0. The chosen model is refitted on the whole train part.
     */
    static final class InJvm implements Fitting {

        private final int trials;
        private final double validationFraction;
        private final long seed;
        private final Evaluator evaluator;
        private final Map<String, Map<String, String>> chosen = new HashMap<>();
        private final Map<String, Double> searchSeconds = new HashMap<>();

        InJvm(int trials, double validationFraction, long seed, Evaluator evaluator) {
            this.trials = trials;
            this.validationFraction = validationFraction;
            this.seed = seed;
            this.evaluator = evaluator;
        }

        @Override
        public Map<String, String> params(String type) {
            return chosen.getOrDefault(type, Trainers.create(type, Map.of()).params());
        }

        @Override
        public double searchSeconds(String type) {
            return searchSeconds.getOrDefault(type, 0.0);
        }

        @Override
        public Recommender fit(String type, Ratings train) {
            long started = System.nanoTime();
            Trainer trainer = Trainers.create(type, Map.of());
            if (trials > 0 && SearchSpace.searchable(type, Map.of())) {
                Split cut = validationCut("validation", train, validationFraction, seed);
                ValidationSearch.Outcome best = ValidationSearch.run(type, Map.of(), trials, seed,
                        ValidationSearch.comparedBy(Evaluation.RMSE, Evaluation.atK(Evaluation.NDCG, K)),
                        (trial, candidate) -> evaluator.evaluate(train(candidate, cut.train()), cut));
                progress("%s: trial %d of %d chosen on the validation cut, %s %.4f: %s", type, best.trial(), trials,
                        best.metric(), best.value(), best.best().params());
                trainer = best.best();
            }
            chosen.put(type, trainer.params());
            searchSeconds.put(type, seconds(started));
            return train(trainer, train);
        }

        private static Recommender train(Trainer trainer, Ratings train) {
            // No validation ratings: the per-epoch validation loss is a learning curve, not part of the fit.
            return trainer.train(train, train.subset(new int[0]), EpochListener.NONE);
        }
    }

    /** The validation cut of a train part that the search judges its trials on: a per-user hold-out, seed + 1. */
    static Split validationCut(String name, Ratings train, double fraction, long seed) {
        Split cut = new RandomHoldoutSplitter(fraction, seed + 1).split(train).get(0);
        return new Split(name, cut.train(), cut.test());
    }

    private static double validationFraction(ComparisonArguments arguments) {
        return arguments.folds() > 0 ? 0.2 : arguments.testFraction();
    }

    public static void main(String[] args) throws IOException {
        int exitCode = run(args, Trainers.types(), RESULTS_FILE, true, null);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Runs the comparison for {@code args} (see {@link ComparisonArguments#usage}) over the model types
     * {@code types}, fitted by {@code fitting} (null: {@link InJvm}, the arguments' search), writing the figures to {@code resultsFile} in the output folder;
     * the split files and {@code items.csv} too when {@code writeSplitFiles}.
     *
     * @return the exit code: 0, 2 for a wrong command line, 1 for input that cannot be compared
     */
    public static int run(String[] args, Collection<String> types, String resultsFile, boolean writeSplitFiles,
                          Fitting fitting) throws IOException {
        ComparisonArguments arguments;
        try {
            arguments = ComparisonArguments.parse(args, types);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(ComparisonArguments.usage(types));
            return 2;
        }
        try {
            run(arguments, resultsFile, writeSplitFiles, fitting);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    static void run(ComparisonArguments arguments) throws IOException {
        run(arguments, RESULTS_FILE, true, null);
    }

    static void run(ComparisonArguments arguments, String resultsFile, boolean writeSplitFiles, Fitting fitting)
            throws IOException {
        MovieLensRatingsFile file = MovieLensRatingsFile.in(arguments.release());
        long started = System.nanoTime();
        Ratings ratings = file.read();
        progress("read %,d ratings of %,d users and %,d movies from %s in %.1f s", ratings.size(),
                ratings.users().size(), ratings.items().size(), file.file(), seconds(started));

        Splitter splitter = arguments.folds() > 0 ? new KFoldSplitter(arguments.folds(), arguments.seed())
                : new RandomHoldoutSplitter(arguments.testFraction(), arguments.seed());
        List<Split> splits = splitter.split(ratings);
        if (writeSplitFiles) {
            writeSplits(splits, ratings.items(), arguments.out());
            Path validation = arguments.out().resolve(VALIDATION_DIR);
            List<Split> cuts = splits.stream().map(split -> validationCut(split.name(), split.train(),
                    validationFraction(arguments), arguments.seed())).toList();
            writeSplits(cuts, ratings.items(), validation);
            progress("wrote %d split(s) %s and %s to %s, the validation cut of each train part to %s", splits.size(),
                    splitter.params(), ITEMS_FILE, arguments.out(), validation);
        }

        Evaluator evaluator = new Evaluator(new EvaluationSettings(3.5, List.of(K), 0, arguments.seed(), arguments.threads()));
        if (fitting == null) {
            fitting = new InJvm(arguments.trials(), validationFraction(arguments), arguments.seed(), evaluator);
        }
        System.out.println(String.format(Locale.ROOT, LINE_FORMAT, "model", "RMSE", "MAE", "NDCG@10", "Recall@10", "fit_s"));
        List<Map<String, Object>> results = new ArrayList<>();
        for (String type : arguments.models()) {
            Map<String, Object> result = compare(type, splits, evaluator, fitting);
            results.add(result);
            System.out.println(line(type, result));
        }

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("release", arguments.release().toString());
        report.put("ratings_file", file.file().toString());
        report.put("ratings", ratings.size());
        report.put("users", ratings.users().size());
        report.put("items", ratings.items().size());
        report.put("split", splitter.params());
        report.put("splits", splits.stream().map(Split::name).toList());
        report.put("evaluation", evaluator.settings().params());
        report.put("threads", arguments.threads());
        report.put("models", results);
        Files.createDirectories(arguments.out());
        JSON.writeValue(arguments.out().resolve(resultsFile).toFile(), report);
    }

    /** Trains and evaluates one model type on every split; the metrics are means over the splits. */
    private static Map<String, Object> compare(String type, List<Split> splits, Evaluator evaluator, Fitting fitting) {
        List<Evaluation> evaluations = new ArrayList<>();
        List<Map<String, Object>> perSplit = new ArrayList<>();
        double fitSeconds = 0;
        double searchSeconds = 0;
        for (Split split : splits) {
            long started = System.nanoTime();
            Recommender model = fitting.fit(type, split.train());
            double search = fitting.searchSeconds(type);
            double fit = seconds(started) - search;
            Evaluation evaluation = evaluator.evaluate(model, split);
            progress("%s %s: search %.2f s, fit %.2f s, evaluated in %.2f s", type, split.name(), search, fit,
                    evaluation.get(Evaluation.EVALUATION_TIME_S));
            fitSeconds += fit;
            searchSeconds += search;
            evaluations.add(evaluation);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("split", split.name());
            one.put("params", fitting.params(type));
            one.put("fit_time_s", fit);
            one.put("search_time_s", search);
            one.put("metrics", evaluation.asMap());
            perSplit.add(one);
        }
        Evaluation mean = evaluations.size() == 1 ? evaluations.get(0) : Evaluation.mean(evaluations);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", type);
        result.put("params", fitting.params(type));
        result.put("rmse", mean.has(Evaluation.RMSE) ? mean.get(Evaluation.RMSE) : null);
        result.put("mae", mean.has(Evaluation.MAE) ? mean.get(Evaluation.MAE) : null);
        String ndcg = Evaluation.atK(Evaluation.NDCG, K);
        String recall = Evaluation.atK(Evaluation.RECALL, K);
        result.put("ndcg_at_10", mean.has(ndcg) ? mean.get(ndcg) : null);
        result.put("recall_at_10", mean.has(recall) ? mean.get(recall) : null);
        result.put("fit_time_s", fitSeconds / splits.size());
        result.put("search_time_s", searchSeconds / splits.size());
        result.put("splits", perSplit);
        return result;
    }

    /** One table line: blank where a metric is absent. */
    static String line(String model, Map<String, Object> result) {
        return String.format(Locale.ROOT, LINE_FORMAT, model, number(result.get("rmse"), 4),
                number(result.get("mae"), 4), number(result.get("ndcg_at_10"), 4), number(result.get("recall_at_10"), 4),
                number(result.get("fit_time_s"), 2));
    }

    private static String number(Object value, int decimals) {
        return value == null ? "" : String.format(Locale.ROOT, "%." + decimals + "f", (Double) value);
    }

    /**
     * Writes every split's train and test files and {@code items.csv}, the movie ids of the item index in
     * index order (the universe the top-N lists rank, ascending ids), after removing split files of an
     * earlier run so that the Python side finds these splits only.
     */
    private static void writeSplits(List<Split> splits, IdIndex items, Path out) throws IOException {
        Files.createDirectories(out);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(out, "*-{train,test}.csv")) {
            for (Path stale : old) {
                Files.delete(stale);
            }
        }
        for (Split split : splits) {
            SplitFiles.write(split, out);
        }
        StringBuilder text = new StringBuilder("movieId\n");
        for (int i = 0; i < items.size(); i++) {
            text.append(items.idAt(i)).append('\n');
        }
        Files.writeString(out.resolve(ITEMS_FILE), text, StandardCharsets.UTF_8);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void progress(String format, Object... values) {
        System.err.println("[java] " + String.format(Locale.ROOT, format, values));
    }
}
