package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.mlflow.ModelRole;
import org.movierec.mlflow.ModelVersion;

class VersionDescriptionTest {

    @Test
    void theDescriptionSaysTheModelTheSnapshotAndEachRolesDecisionWithItsFigures() {
        ModelVersion version = new ModelVersion("movierec", 4, "src", "run", "READY", Map.of("model_type", "mf",
                "data.checksum", "00c0ffee12345678", "data.latest_rated_at", "2018-09-24T14:27:30Z",
                "data.ratings", "100836", "data.users", "610", "data.movies", "9724"), List.of(), 0, null);
        List<Promotion> promotions = List.of(
                new Promotion(ModelRole.RANKER, null, "not promoted: below the champion", "ndcg_at_10", 0.25, 3, 0.3),
                new Promotion(ModelRole.PREDICTOR, "predictor-champion", "promoted: there was no predictor champion",
                        "rmse", 0.8712345, 0, Double.NaN));

        assertThat(VersionDescription.of(version, promotions, Instant.parse("2026-12-05T12:00:00.123Z"))).isEqualTo("""
                **mf** model, trained on the ratings snapshot 00c0ffee12345678 (latest rating 2018-09-24T14:27:30Z, \
                100836 ratings of 610 users on 9724 movies).

                - **As ranker**: compared on `ndcg_at_10` = 0.25000 against the champion's (version 3) 0.30000 on the \
                same split. Decision: **none**: not promoted: below the champion.
                - **As predictor**: compared on `rmse` = 0.87123 on the same split. Decision: **champion**: promoted: \
                there was no predictor champion.

                Decided 2026-12-05T12:00:00Z.""");
    }
}
