package org.movierec.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How artifact URIs map to the tracking server's artifact proxy paths. */
class MlflowArtifactsUriTest {

    @Test
    void aRunsArtifactUriMapsToItsPathBelowTheArtifactRoot() {
        assertThat(MlflowArtifacts.proxyPath("mlflow-artifacts:/7/0a1b2c/artifacts")).isEqualTo("7/0a1b2c/artifacts");
        assertThat(MlflowArtifacts.proxyPath("mlflow-artifacts:/7/0a1b2c/artifacts/model/")).isEqualTo("7/0a1b2c/artifacts/model");
        assertThat(MlflowArtifacts.proxyPath("mlflow-artifacts:///7/0a1b2c/artifacts")).isEqualTo("7/0a1b2c/artifacts");
        assertThat(MlflowArtifacts.proxyPath("mlflow-artifacts://mlflow:5000/7/0a1b2c/artifacts")).isEqualTo("7/0a1b2c/artifacts");
    }

    @Test
    void otherSchemesAndEscapingPathsAreRefused() {
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath("file:///tmp/mlruns/7"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("artifact URI: expected an mlflow-artifacts: URI (artifacts served by the tracking server), got 'file:///tmp/mlruns/7'");
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath("runs:/0a1b2c/model")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath("mlflow-artifacts:/7/../8"))
                .hasMessage("artifact URI: 'mlflow-artifacts:/7/../8' must not contain . or .. segments");
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath("mlflow-artifacts:/"))
                .hasMessage("artifact URI: 'mlflow-artifacts:/' names no path below the artifact root");
        assertThatThrownBy(() -> MlflowArtifacts.proxyPath("mlflow-artifacts://mlflow:5000"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pathSegmentsArePercentEncodedButSlashesStay() {
        assertThat(MlflowArtifacts.encodePath("7/r/artifacts/model/item factors.bin"))
                .isEqualTo("7/r/artifacts/model/item%20factors.bin");
        assertThat(MlflowArtifacts.encodePath("a+b/c?d#e%f/é~_-.x")).isEqualTo("a%2Bb/c%3Fd%23e%25f/%C3%A9~_-.x");
    }

    @Test
    void relativePathsAreAppendedWithOneSlash() {
        assertThat(MlflowArtifacts.resolve("mlflow-artifacts:/7/r/artifacts", "model")).isEqualTo("mlflow-artifacts:/7/r/artifacts/model");
        assertThat(MlflowArtifacts.resolve("mlflow-artifacts:/7/r/artifacts/", "/model/a.bin")).isEqualTo("mlflow-artifacts:/7/r/artifacts/model/a.bin");
        assertThat(MlflowArtifacts.resolve("mlflow-artifacts:/7/r/artifacts", "")).isEqualTo("mlflow-artifacts:/7/r/artifacts");
    }
}
