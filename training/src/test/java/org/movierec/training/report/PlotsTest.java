package org.movierec.training.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void theLearningCurveIsAPngImage() throws IOException {
        Path png = dir.resolve("curve.png");

        boolean written = Plots.learningCurve(List.of(new double[] {1, 1.2, 1.3}, new double[] {2, 0.9, 1.1}), "rmse", png);

        assertThat(written).isTrue();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(800);
    }

    @Test
    void metricsAtKPlotsOnlyTheRankingMetrics() throws IOException {
        Path png = dir.resolve("at-k.png");

        assertThat(Plots.metricsAtK(Map.of("rmse", 0.9), png)).isFalse();
        assertThat(png).doesNotExist();
        assertThat(Plots.metricsAtK(Map.of("ndcg_at_5", 0.2, "ndcg_at_10", 0.25, "rmse", 0.9), png)).isTrue();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void aModelTrainedInOneStepHasNoCurve() throws IOException {
        assertThat(Plots.learningCurve(List.of(), "rmse", dir.resolve("none.png"))).isFalse();
    }
}
