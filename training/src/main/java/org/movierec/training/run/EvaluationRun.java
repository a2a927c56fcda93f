package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.movierec.training.eval.Splitter;
import org.movierec.training.tracking.TrackedRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a registered version (the champion unless a version is named) on the current data: its files are
 * downloaded, it is evaluated on the test part of today's split, and the result is logged as a run of its
 * own ({@code run_type = evaluate}) and as tags on the version.
 */
public final class EvaluationRun extends VersionRun {

    private static final Logger log = LoggerFactory.getLogger(EvaluationRun.class);

    public EvaluationRun(TrainingRun training, MlflowServer mlflow, Evaluator evaluator, Path workDir) {
        super(training, mlflow, evaluator, workDir);
    }

    /** @param version the version number, or null for the champion */
    public RunResult evaluate(String version, RunRequest split) throws IOException, SQLException {
        mlflow.ping();
        ModelVersion target = mlflow.versionOrChampion(version);
        Splitter splitter = TrainingRun.splitter(split);
        Recommender model = download(target, "evaluate");
        RatingsSnapshot snapshot = training.readSnapshot();
        List<Split> splits = splitter.split(snapshot.ratings());
        Map<String, String> tags = new LinkedHashMap<>(snapshot.tags());
        tags.putAll(tags(model, target));
        TrackedRun run = mlflow.startRun(split.runName() != null ? split.runName()
                : "evaluate-" + target.name() + "-v" + target.version(), tags);
        try {
            mlflow.logDataset(run, snapshot.tags(), TrainingRun.EVALUATION);
            Evaluation evaluation = evaluate(run, model, splitter, splits);
            mlflow.tracker().finishRun(run.runId());
            mlflow.registry().setModelVersionTag(target.name(), target.version(), "last_evaluation.run_id",
                    run.runId());
            log.info("{} version {} on the current data: {}", target.name(), target.version(), evaluation);
            return new RunResult(run.runId(), mlflow.runUrl(run), evaluation, target, List.of());
        } catch (RuntimeException e) {
            mlflow.fail(run, e);
            throw e;
        }
    }

    /** The tags of an evaluation run: its type, and the version and model type it scored. */
    public static Map<String, String> tags(Recommender model, ModelVersion target) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("run_type", "evaluate");
        tags.put("model_type", model.type());
        tags.put("evaluated_model", target.name());
        tags.put("evaluated_version", Integer.toString(target.version()));
        return tags;
    }

    private Evaluation evaluate(TrackedRun run, Recommender model, Splitter splitter, List<Split> splits) {
        Map<String, String> params = new LinkedHashMap<>(splitter.params());
        params.putAll(evaluator.settings().params());
        mlflow.tracker().logParams(run.runId(), params);
        List<Evaluation> evaluations = new ArrayList<>();
        for (Split split : splits) {
            evaluations.add(evaluator.evaluate(model, split));
        }
        Evaluation evaluation = evaluations.size() == 1 ? evaluations.get(0) : Evaluation.mean(evaluations);
        mlflow.tracker().logFinalMetrics(run.runId(), evaluation.asMap());
        return evaluation;
    }
}
