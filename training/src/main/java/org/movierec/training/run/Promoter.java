package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowException;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.InvalidModelException;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Decides whether a new version becomes the champion: it must beat the current champion's value of the
 * promotion metric, both evaluated on the same split, by the configured minimum. The champion's files are
 * downloaded and scored here rather than its logged metrics trusted, because it was evaluated on an older
 * snapshot. The version gets the alias {@code champion} or {@code challenger} and the decision as tags.
 */
public final class Promoter {

    private static final Logger log = LoggerFactory.getLogger(Promoter.class);

    private final MlflowRegistry registry;
    private final MlflowArtifacts artifacts;
    private final String metric;
    private final double minImprovement;
    private final Path workDir;

    public Promoter(MlflowRegistry registry, MlflowArtifacts artifacts, String metric, double minImprovement, Path workDir) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.metric = metric;
        this.minImprovement = minImprovement;
        this.workDir = workDir;
    }

    public String metric() {
        return metric;
    }

    /** Decides with the in-JVM {@link Evaluator} scoring the champion on {@code split}. */
    Promotion decide(ModelVersion candidate, Evaluation evaluation, Split split, Evaluator evaluator,
                     boolean allowed) throws IOException {
        return decide(candidate, evaluation, champion -> evaluator.evaluate(champion, split), allowed);
    }

    /**
     * @param evaluation   the candidate's evaluation
     * @param sameData     evaluates the champion's model on the data the candidate was evaluated on
     * @param allowed      whether the champion may move at all; when not, the version is compared and stays challenger
     */
    public Promotion decide(ModelVersion candidate, Evaluation evaluation, Function<Recommender, Evaluation> sameData,
                            boolean allowed) throws IOException {
        if (!evaluation.has(metric)) {
            return apply(candidate, new Promotion(Promotion.CHALLENGER, "the model has no " + metric
                    + " (it does not produce that metric), so it cannot be compared", metric, Double.NaN, 0, Double.NaN));
        }
        double value = evaluation.get(metric);
        Optional<ModelVersion> champion = registry.getModelVersionByAlias(candidate.name(), Promotion.CHAMPION);
        if (champion.isEmpty()) {
            return apply(candidate, decision(allowed, true, "there was no champion", value, 0, Double.NaN));
        }
        int championVersion = champion.get().version();
        double championValue;
        try {
            championValue = score(champion.get(), sameData);
        } catch (MlflowException e) {
            if (e.status() == 0) {
                throw e;
            }
            return unloadable(candidate, allowed, value, championVersion, e);
        } catch (RuntimeException e) {
            return unloadable(candidate, allowed, value, championVersion, e);
        }
        boolean better = Promotion.beats(metric, value, championValue, minImprovement);
        String comparison = String.format("%s %.5f against the champion's (version %d) %.5f on the same split, "
                        + "minimum improvement %s", metric, value, championVersion, championValue, minImprovement);
        return apply(candidate, decision(allowed, better, comparison, value, championVersion, championValue));
    }

    /**
     * A champion that cannot be downloaded, loaded or scored (files deleted, a format this software does not
     * read, a damaged folder) must not block every later run: the candidate is compared with nothing.
     */
    private Promotion unloadable(ModelVersion candidate, boolean allowed, double value, int championVersion,
                                 RuntimeException e) {
        log.warn("The champion, version {}, cannot be scored: {}", championVersion, e.getMessage());
        return apply(candidate, decision(allowed, true, "the champion (version " + championVersion
                + ") cannot be scored: " + e.getMessage(), value, championVersion, Double.NaN));
    }

    private Promotion decision(boolean allowed, boolean better, String why, double value, int championVersion,
                               double championValue) {
        if (better && allowed) {
            return new Promotion(Promotion.CHAMPION, "promoted: " + why, metric, value, championVersion, championValue);
        }
        String reason = better ? "not promoted, promotion was not allowed for this run: " + why : "not promoted: " + why;
        return new Promotion(Promotion.CHALLENGER, reason, metric, value, championVersion, championValue);
    }

    private double score(ModelVersion champion, Function<Recommender, Evaluation> sameData) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), "champion-" + champion.version() + "-");
        try {
            artifacts.downloadDirectory(champion.source(), dir);
            Recommender model = SavedModels.load(dir);
            Evaluation evaluation = sameData.apply(model);
            if (!evaluation.has(metric)) {
                throw new InvalidModelException("the champion has no " + metric);
            }
            log.info("Champion version {} on this split: {} = {}", champion.version(), metric, evaluation.get(metric));
            return evaluation.get(metric);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    private Promotion apply(ModelVersion candidate, Promotion promotion) {
        registry.setAlias(candidate.name(), promotion.alias(), candidate.version());
        promotion.tags().forEach((key, value) -> registry.setModelVersionTag(candidate.name(), candidate.version(), key,
                value));
        log.info("Version {} of {}: {}", candidate.version(), candidate.name(), promotion.reason());
        return promotion;
    }
}
