package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.mlflow.ModelVersion;

class MonitoringRunTest {

    @Test
    void weeksAreCountedFromMondayTheFifthOfJanuary1970() {
        assertThat(MonitoringRun.week(Instant.parse("1970-01-05T00:00:00Z").getEpochSecond())).isZero();
        assertThat(MonitoringRun.week(Instant.parse("1970-01-11T23:59:59Z").getEpochSecond())).isZero();
        assertThat(MonitoringRun.week(Instant.parse("1970-01-12T00:00:00Z").getEpochSecond())).isEqualTo(1);
        // Monday 2026-11-30 and Sunday 2026-12-06 are one week: 20 783 days after 1970-01-05 = 2969 weeks
        assertThat(MonitoringRun.week(Instant.parse("2026-11-30T00:00:00Z").getEpochSecond())).isEqualTo(2969);
        assertThat(MonitoringRun.week(Instant.parse("2026-12-06T12:00:00Z").getEpochSecond())).isEqualTo(2969);
    }

    @Test
    void theSnapshotTimeIsTheVersionsTagElseItsRunsTag() {
        ModelVersion tagged = version(Map.of("data.latest_rated_at", "2018-09-24T14:27:30Z"));
        ModelVersion older = version(Map.of());
        assertThat(MonitoringRun.snapshotTime(tagged, Map.of())).isEqualTo(Instant.parse("2018-09-24T14:27:30Z"));
        assertThat(MonitoringRun.snapshotTime(older, Map.of("data.latest_rated_at", "2018-01-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2018-01-01T00:00:00Z"));
        assertThatThrownBy(() -> MonitoringRun.snapshotTime(older, Map.of()))
                .hasMessageContaining("movierec version 3 has no data.latest_rated_at tag");
    }

    private static ModelVersion version(Map<String, String> tags) {
        return new ModelVersion("movierec", 3, "src", "run", "READY", tags, List.of(), 0, null);
    }
}
