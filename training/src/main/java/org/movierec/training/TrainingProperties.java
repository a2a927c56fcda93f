package org.movierec.training;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.ModelRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The training application's settings ({@code training.*} in {@code application.yml}, which documents each). */
@Validated
@ConfigurationProperties("training")
public record TrainingProperties(@Valid @NotNull Mlflow mlflow, @Valid @NotNull Promotion promotion,
                                 @Valid @NotNull Evaluation evaluation, @Valid @NotNull Split split,
                                 @Valid @NotNull Search search, @NotNull Path workDir) {

    /**
     * Where runs are tracked and models registered, and the MLflow user's login (both blank: none); how often a run's
     * heartbeat is renewed, and after how long without one a RUNNING run of another host counts as orphaned.
     */
    public record Mlflow(@NotBlank String trackingUri, String username, String password, @NotBlank String experiment,
                         @NotBlank String registeredModel, @NotNull Duration heartbeatInterval,
                         @NotNull Duration orphanAfter) {

        public MlflowCredentials credentials() {
            return MlflowCredentials.of(username, password);
        }
    }

    /** When a new version takes the alias {@code champion} (ranker) or {@code predictor-champion}. */
    public record Promotion(@NotBlank String metric, @NotBlank String predictorMetric,
                            @DecimalMin("0") double minImprovement) {

        public Map<ModelRole, String> metrics() {
            return Map.of(ModelRole.RANKER, metric, ModelRole.PREDICTOR, predictorMetric);
        }
    }

    /** How models are evaluated. */
    public record Evaluation(@DecimalMin("0.5") @DecimalMax("5") double likedThreshold, @NotEmpty List<@Min(1) Integer> k,
                             @Min(0) int maxUsers) {
    }

    /** The hyper-parameter search of {@code train}: its number of trials (0: train the defaults). */
    public record Search(@Min(0) @Max(1000) int trials) {
    }

    /** The default split of a run; the command line may override each. */
    public record Split(@NotBlank String method, @DecimalMin("0.01") @DecimalMax("0.9") double testFraction,
                        @Min(2) int folds, long seed) {
    }
}
