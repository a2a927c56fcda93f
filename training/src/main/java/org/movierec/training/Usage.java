package org.movierec.training;

import java.util.Map;
import org.movierec.training.train.Trainers;

/** The text of {@code --help}. */
final class Usage {

    static final String TEXT = """
            Usage: java -jar training.jar COMMAND [options] [name=value ...]

            Trains recommenders on a snapshot of every rating in PostgreSQL, evaluates them, logs the run to
            the MLflow tracking server and registers a version of the registered model.

            Commands:
              train     --model=TYPE [name=value ...]   train one model and register it; the hyper-parameters
                                                        not given are chosen by a search of
                                                        TRAINING_SEARCH_TRIALS trials (default 8; --trials=0:
                                                        the defaults) on a validation cut of the train part;
                                                        it becomes champion if it beats the current one on
                                                        the promotion metric
              tune      --model=TYPE [--trials=N]       the same search with N trials (default 10): every
                                                        trial is a child run of one parent run, judged on the
                                                        validation cut; the best is refitted on the whole
                                                        train part, evaluated on the test part, registered
              evaluate  [--version=N]                   score a registered version (default: the champion) on
                                                        the current data and log it as a run
              promote   --version=N                     score version N and the champion on the same split of
                                                        the current data; N becomes champion only if better
              monitor   [rule options]                  score each role's champion on the ratings made after
                                                        its training snapshot, beside a plain baseline;
                                                        log a point to the role's monitoring run and mark a
                                                        drop on the version (result file: "drops")

            Options:
              --split=METHOD        random (per-user hold-out, default), temporal (each user's latest
                                    ratings held out) or kfold
              --test-fraction=F     share of each user's ratings held out (default 0.2)
              --folds=K             folds of --split=kfold (default 5)
              --seed=N              seed of the split, the initialisation and the shuffling (default 42)
              --no-promote          register the version but never move the alias "champion"
              --run-name=NAME       the MLflow run name
              --skip-unchanged      train: when the newest version registered with the same model type,
                                    hyper-parameters and split was trained on a snapshot with the same
                                    checksum (version tag data.checksum), train nothing and say so
              --result-file=PATH    write the outcome as JSON (run_id, run_url, registered_model, version,
                                    alias, skipped), for a scheduler's next step
              --trials=N            trials of the search of tune (default 10) or train
              --version=N           the version evaluate or promote scores
              --baseline-tolerance=F  monitor: a drop when the champion does worse than a baseline trained on
                                    the same snapshot (popularity; biases for the rating predictor) on the
                                    new ratings by more than F of the baseline's figure (default 0.02)
              --max-relative-drop=F monitor: a drop when it does worse than its own test figure by more than
                                    F of it (default 0: off)
              --min-new-ratings=N   monitor: judge nothing on fewer new ratings (default 100)
              --help                this text

            Settings (environment or --training.*=...): MLFLOW_TRACKING_URI (default http://127.0.0.1:5000),
            MLFLOW_TRACKING_USERNAME / _PASSWORD (the MLflow user, one that may write; unset: no login),
            TRAINING_EXPERIMENT (movierec), TRAINING_REGISTERED_MODEL (movierec),
            TRAINING_PROMOTION_METRIC (ndcg_at_10), TRAINING_PROMOTION_PREDICTOR_METRIC (rmse),
            TRAINING_PROMOTION_MIN_IMPROVEMENT (0.001), TRAINING_SEARCH_TRIALS (8),
            SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD (jdbc:postgresql://localhost:5432/movies).

            Exit codes: 0 done; 1 the run failed (marked FAILED in MLflow when it had started);
            2 wrong command line; 3 MLflow or the database is unreachable, or there is no data yet.

            Model types and their hyper-parameters (name=default):
            """;

    /** The usage text followed by every model type with its hyper-parameters and their defaults. */
    static String text() {
        StringBuilder text = new StringBuilder(TEXT);
        for (String type : Trainers.types()) {
            text.append("  ").append(type).append(": ");
            text.append(String.join(" ", Trainers.create(type, Map.of()).params().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
            text.append('\n');
        }
        return text.toString();
    }

    private Usage() {
    }
}
