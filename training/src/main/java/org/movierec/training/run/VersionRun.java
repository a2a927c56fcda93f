package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.model.SavedModels;
import org.movierec.training.eval.Evaluator;
import org.springframework.util.FileSystemUtils;

/**
 * What the runs on registered versions (evaluate, promote, monitor) start from: the training's data and promoter,
 * the MLflow server, the evaluator, and a work folder that a version's files are downloaded into to be loaded.
 */
abstract class VersionRun {

    final TrainingRun training;
    final MlflowServer mlflow;
    final Evaluator evaluator;
    final Path workDir;

    VersionRun(TrainingRun training, MlflowServer mlflow, Evaluator evaluator, Path workDir) {
        this.training = training;
        this.mlflow = mlflow;
        this.evaluator = evaluator;
        this.workDir = workDir;
    }

    /** The version's model: see {@link #download(MlflowArtifacts, ModelVersion, Path, String)}. */
    Recommender download(ModelVersion version, String purpose) throws IOException {
        return download(mlflow.artifacts(), version, workDir, purpose);
    }

    /**
     * The version's model, loaded from its files downloaded into a new folder under {@code workDir} (named after
     * {@code purpose} and the version), which is deleted once the model is in memory, loaded or not.
     */
    static Recommender download(MlflowArtifacts artifacts, ModelVersion version, Path workDir, String purpose)
            throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), purpose + "-" + version.version() + "-");
        try {
            artifacts.downloadDirectory(version.source(), dir);
            return SavedModels.load(dir);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }
}
