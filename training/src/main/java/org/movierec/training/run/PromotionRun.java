package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.Splitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the aliases of a version registered earlier (say with {@code --no-promote}): in each role, the version
 * and the role's champion and challenger are scored on the split of today's data, and the version becomes
 * champion only if it is better, exactly as a train run decides ({@link Promoter}). A version that already is a
 * role's champion stays so.
 */
public final class PromotionRun extends VersionRun {

    private static final Logger log = LoggerFactory.getLogger(PromotionRun.class);

    public PromotionRun(TrainingRun training, MlflowServer mlflow, Evaluator evaluator, Path workDir) {
        super(training, mlflow, evaluator, workDir);
    }

    /** @param version the version number to decide on */
    public RunResult promote(String version, RunRequest split) throws IOException, SQLException {
        mlflow.ping();
        ModelVersion candidate = find(version);
        Splitter splitter = TrainingRun.splitter(split);
        Recommender model = download(candidate, "promote");
        List<Split> splits = splitter.split(training.readSnapshot().ratings());
        Evaluation evaluation = evaluator.evaluate(model, splits.get(0));
        log.info("{} version {} on this split: {}", candidate.name(), candidate.version(), evaluation);
        List<Promotion> promotions = training.promoter().decide(candidate, evaluation, splits.get(0), evaluator, true);
        return new RunResult(candidate.runId(), null, evaluation, candidate, promotions);
    }

    private ModelVersion find(String version) {
        if (version == null) {
            throw new InvalidRequestException("promote needs --version=N, the version to decide on", null);
        }
        try {
            return mlflow.registry().getModelVersion(mlflow.registeredModel(), Integer.parseInt(version));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("--version must be a version number, got '" + version + "'", e);
        }
    }
}
