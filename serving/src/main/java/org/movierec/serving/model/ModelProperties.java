package org.movierec.serving.model;

import java.nio.file.Path;
import java.time.Duration;

import org.movierec.mlflow.MlflowCredentials;
import org.movierec.mlflow.ModelRole;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code serving.model.*}: which registered model to serve and where to find it.
 *
 * @param name         the registered model's name in the MLflow registry
 * @param alias          the alias whose version ranks (the top-N ranker)
 * @param predictorAlias the alias whose version predicts ratings
 * @param pollInterval how often the registry is asked where the alias points
 * @param cacheDir     where downloaded versions are kept; the last loaded one survives a restart
 * @param trackingUri  the MLflow tracking server
 * @param trackingUsername the MLflow user serving logs in as (blank, with a blank password: no login)
 * @param trackingPassword its password
 * @param uiUrl        the MLflow UI as a browser reaches it, for the links of {@code GET /api/model}; blank: the
 *                     tracking server's URL
 * @param neighbours   how many most similar items of every item are computed when a ranker is swapped in (1 to
 *                     1000): the most {@code byModel} titles an answer can list
 * @param neighbourThreads how many threads compute them (0: one per available processor)
 */
@ConfigurationProperties("serving.model")
record ModelProperties(String name, String alias, String predictorAlias, Duration pollInterval, Path cacheDir,
                       String trackingUri, String trackingUsername, String trackingPassword, String uiUrl,
                       int neighbours, int neighbourThreads) {

    ModelProperties {
        require(name, "serving.model.name");
        require(alias, "serving.model.alias");
        require(predictorAlias, "serving.model.predictor-alias");
        require(trackingUri, "serving.model.tracking-uri");
        MlflowCredentials.of(trackingUsername, trackingPassword);   // both or neither
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("serving.model.poll-interval must be a positive duration such as PT1M, got "
                    + pollInterval);
        }
        if (cacheDir == null) {
            throw new IllegalArgumentException("serving.model.cache-dir must name a directory");
        }
        if (neighbours < 1 || neighbours > 1000) {
            throw new IllegalArgumentException("serving.model.neighbours must be from 1 to 1000, got " + neighbours);
        }
        if (neighbourThreads < 0) {
            throw new IllegalArgumentException("serving.model.neighbour-threads must be 0 or more, got "
                    + neighbourThreads);
        }
    }

    /** The MLflow login. */
    MlflowCredentials trackingCredentials() {
        return MlflowCredentials.of(trackingUsername, trackingPassword);
    }

    /** The threads that compute the item neighbours. */
    int neighbourThreadCount() {
        return neighbourThreads == 0 ? Runtime.getRuntime().availableProcessors() : neighbourThreads;
    }

    /** The MLflow UI's URL, without a trailing slash. */
    String mlflowUi() {
        return (uiUrl == null || uiUrl.isBlank() ? trackingUri : uiUrl).strip().replaceAll("/+$", "");
    }

    /** The alias whose version serves {@code role}. */
    String alias(ModelRole role) {
        return role == ModelRole.RANKER ? alias : predictorAlias;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must not be blank");
        }
    }
}
