package org.movierec.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainersTest {

    @Test
    void everyTypeIsBuiltWithTheGivenHyperParameters() {
        assertThat(Trainers.types()).containsExactly("autorec", "bias", "blend", "dae", "ease", "knn", "knn-learned", "mf",
                "popularity");
        Trainer mf = Trainers.create("mf", Map.of("factors", "8"));
        assertThat(mf).isInstanceOf(MfTrainer.class);
        assertThat(mf.type()).isEqualTo("mf");
        assertThat(mf.params()).containsEntry("factors", "8");
        assertThat(Trainers.create("bias", Map.of()).type()).isEqualTo("bias");
        assertThat(Trainers.create("popularity", Map.of("half_life_days", "3")).params()).containsExactly(
                Map.entry("liked_rating", "3.5"), Map.entry("half_life_days", "3.0"));
    }

    @Test
    void anUnknownTypeIsRejectedWithTheKnownTypes() {
        assertThatThrownBy(() -> Trainers.create("svd", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model type 'svd'; expected one of [autorec, bias, blend, dae, ease, knn, "
                        + "knn-learned, mf, popularity]");
    }

    @Test
    void aHyperParameterOfAnotherTypeIsRejectedWithTheTypesOwnParameters() {
        assertThatThrownBy(() -> Trainers.create("bias", Map.of("factors", "8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'bias' has no hyper-parameter [factors]; its hyper-parameters are "
                        + "[epochs, reg_item, reg_user]");
    }
}
