package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.train.Trainers;

class ModelConfigTest {

    private static ModelVersion version(int number, String config, String checksum) {
        return new ModelVersion("movierec", number, "src", "run" + number, "READY",
                Map.of(ModelConfig.CONFIG_TAG, config, ModelConfig.CHECKSUM_TAG, checksum), List.of(), 0, null);
    }

    @Test
    void theKeyFillsInDefaultsSoEqualSettingsGiveEqualKeys() {
        String defaults = ModelConfig.key(Trainers.create("mf", Map.of()), Splitters.create("random", 0.2, 5, 42));
        String factors = ModelConfig.key(Trainers.create("mf", Map.of("factors", "8")),
                Splitters.create("random", 0.2, 5, 42));

        assertThat(defaults).startsWith("model_type=mf;").contains("split_seed=42");
        assertThat(ModelConfig.key(Trainers.create("mf", Trainers.create("mf", Map.of()).params()),
                Splitters.create("random", 0.2, 5, 42))).isEqualTo(defaults);
        assertThat(factors).isNotEqualTo(defaults).contains("factors=8");
        assertThat(ModelConfig.key(Trainers.create("mf", Map.of()), Splitters.create("random", 0.2, 5, 7)))
                .isNotEqualTo(defaults);
    }

    @Test
    void onlyTheNewestVersionOfTheSameConfigurationCounts() {
        List<ModelVersion> versions = List.of(version(3, "b", "x"), version(2, "a", "y"), version(1, "a", "x"));

        assertThat(ModelConfig.sameConfigAndData(versions, "a", "y")).map(ModelVersion::version).contains(2);
        assertThat(ModelConfig.sameConfigAndData(versions, "a", "x")).as("version 1 is older than 2").isEmpty();
        assertThat(ModelConfig.sameConfigAndData(versions, "b", "x")).map(ModelVersion::version).contains(3);
        assertThat(ModelConfig.sameConfigAndData(versions, "c", "x")).isEmpty();
    }
}
