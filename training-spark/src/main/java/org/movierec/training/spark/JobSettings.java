package org.movierec.training.spark;

import java.nio.file.Path;
import java.util.Map;
import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.ModelRole;
import org.movierec.training.run.InvalidRequestException;

/**
 * Where the Spark training job reads and writes, from the same environment variables as {@code training.jar}
 * (its {@code application.yml}), so one environment serves both engines.
 *
 * @param jdbcUrl         the platform's PostgreSQL ({@code SPRING_DATASOURCE_URL})
 * @param trackingUri     the MLflow tracking server ({@code MLFLOW_TRACKING_URI})
 * @param mlflowCredentials the MLflow user the job logs in as ({@code MLFLOW_TRACKING_USERNAME},
 *                        {@code MLFLOW_TRACKING_PASSWORD}; both unset: none)
 * @param promotionMetrics the metric a new version must improve to become each role's champion
 *                         ({@code TRAINING_PROMOTION_METRIC}, {@code TRAINING_PROMOTION_PREDICTOR_METRIC})
 * @param minImprovement  by how much ({@code TRAINING_PROMOTION_MIN_IMPROVEMENT})
 * @param workDir         scratch space for model files before upload ({@code TRAINING_WORK_DIR})
 * @param maxUsers        evaluate a seeded sample of at most this many test users, 0 for all
 *                        ({@code TRAINING_EVALUATION_MAX_USERS})
 */
record JobSettings(String jdbcUrl, String dbUser, String dbPassword, String trackingUri,
                   MlflowCredentials mlflowCredentials, String experiment,
                   String registeredModel, Map<ModelRole, String> promotionMetrics, double minImprovement, Path workDir,
                   int maxUsers) {

    static JobSettings fromEnvironment(Map<String, String> env) {
        String improvement = env.getOrDefault("TRAINING_PROMOTION_MIN_IMPROVEMENT", "0.001");
        double minImprovement;
        try {
            minImprovement = Double.parseDouble(improvement);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("TRAINING_PROMOTION_MIN_IMPROVEMENT must be a number, got '"
                    + improvement + "'", e);
        }
        String users = env.getOrDefault("TRAINING_EVALUATION_MAX_USERS", "0");
        int maxUsers;
        try {
            maxUsers = Integer.parseInt(users);
        } catch (NumberFormatException e) {
            maxUsers = -1;
        }
        if (maxUsers < 0) {
            throw new InvalidRequestException("TRAINING_EVALUATION_MAX_USERS must be 0 (every test user) or a "
                    + "positive whole number, got '" + users + "'", null);
        }
        return new JobSettings(
                env.getOrDefault("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:5432/movies"),
                env.getOrDefault("SPRING_DATASOURCE_USERNAME", "movies"),
                env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "movies"),
                env.getOrDefault("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"),
                credentials(env),
                env.getOrDefault("TRAINING_EXPERIMENT", "movierec"),
                env.getOrDefault("TRAINING_REGISTERED_MODEL", "movierec"),
                Map.of(ModelRole.RANKER, env.getOrDefault("TRAINING_PROMOTION_METRIC", "ndcg_at_10"),
                        ModelRole.PREDICTOR, env.getOrDefault("TRAINING_PROMOTION_PREDICTOR_METRIC", "rmse")),
                minImprovement,
                Path.of(env.getOrDefault("TRAINING_WORK_DIR",
                        Path.of(System.getProperty("java.io.tmpdir"), "movierec-training").toString())),
                maxUsers);
    }

    private static MlflowCredentials credentials(Map<String, String> env) {
        try {
            return MlflowCredentials.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
    }
}
