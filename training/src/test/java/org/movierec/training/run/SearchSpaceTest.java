package org.movierec.training.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.movierec.training.train.Trainers;

class SearchSpaceTest {

    private static List<Map<String, String>> samples(String type, Map<String, String> fixed, long seed, int n) {
        SearchSpace space = SearchSpace.of(type);
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> samples = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            samples.add(space.sample(fixed, random));
        }
        return samples;
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        List<Map<String, String>> first = samples("mf", Map.of(), 7, 5);

        assertThat(samples("mf", Map.of(), 7, 5)).isEqualTo(first);
        assertThat(samples("mf", Map.of(), 8, 5)).isNotEqualTo(first);
        assertThat(first).doesNotHaveDuplicates();
        assertThat(first.get(0).keySet()).containsExactly("factors", "epochs", "learning_rate", "reg",
                "fold_in_reg_per_rating");
    }

    @Test
    void fixedValuesAreKeptAndComeFirst() {
        Map<String, String> fixed = Map.of("factors", "16");
        for (Map<String, String> sample : samples("mf", fixed, 3, 20)) {
            assertThat(sample).containsEntry("factors", "16");
            assertThat(sample.keySet()).containsExactly("factors", "epochs", "learning_rate", "reg",
                    "fold_in_reg_per_rating");
        }
        // a fixed parameter outside the space (init_std) is passed on as well
        assertThat(samples("mf", Map.of("init_std", "0.05"), 3, 1).get(0)).containsEntry("init_std", "0.05")
                .hasSize(6);
    }

    @Test
    void samplesStayWithinTheirBoundsAndIntegersAreIntegers() {
        List<Map<String, String>> samples = samples("mf", Map.of(), 11, 2000);
        int belowGeometricMean = 0;
        for (Map<String, String> sample : samples) {
            assertThat(Integer.parseInt(sample.get("factors"))).isBetween(8, 200);
            assertThat(Integer.parseInt(sample.get("epochs"))).isBetween(10, 60);
            double learningRate = Double.parseDouble(sample.get("learning_rate"));
            assertThat(learningRate).isBetween(0.002, 0.03);
            assertThat(Double.parseDouble(sample.get("reg"))).isBetween(0.005, 0.2);
            assertThat(Double.parseDouble(sample.get("fold_in_reg_per_rating"))).isBetween(0.02, 0.5);
            belowGeometricMean += learningRate < Math.sqrt(0.002 * 0.03) ? 1 : 0;
        }
        // on a log scale half the draws fall below the geometric mean sqrt(0.002 * 0.03) = 0.00775; a uniform
        // draw would put only (0.00775 - 0.002) / 0.028 = 21% there
        assertThat(belowGeometricMean).isBetween(900, 1100);
        // the ends are reached (rounded to, from the half-integer next to them: a draw reaches 8 with probability
        // 0.5 / 192, so 2000 draws miss it with probability (1 - 0.5 / 192)^2000 = 0.0055; the seed is fixed)
        assertThat(samples).extracting(s -> Integer.parseInt(s.get("factors"))).contains(8, 200);
    }

    @Test
    void aLinearDimensionIsUniform() {
        int belowMiddle = 0;
        for (Map<String, String> sample : samples("bias", Map.of(), 5, 2000)) {
            double reg = Double.parseDouble(sample.get("reg_item"));
            assertThat(reg).isBetween(1.0, 50.0);
            belowMiddle += reg < 25.5 ? 1 : 0;
        }
        // middle of [1, 50] is 25.5: about half; a log scale would put sqrt(50) = 7.07 in the middle instead
        assertThat(belowMiddle).isBetween(900, 1100);
    }

    @Test
    void everySampleIsAcceptedByItsTrainerWhateverTheDefaultLocale() {
        Locale locale = Locale.getDefault();
        try {
            // a locale that writes decimal commas
            Locale.setDefault(Locale.GERMANY);
            for (String type : List.of("bias", "popularity", "mf")) {
                for (Map<String, String> sample : samples(type, Map.of(), 13, 50)) {
                    Map<String, String> params = Trainers.create(type, sample).params();
                    sample.forEach((name, value) -> assertThat(Double.parseDouble(params.get(name)))
                            .as(type + " " + name).isEqualTo(Double.parseDouble(value)));
                }
            }
        } finally {
            Locale.setDefault(locale);
        }
    }

    @Test
    void paramsDescribeFixedAndSampledDimensions() {
        assertThat(SearchSpace.of("mf").params(Map.of("factors", "16"))).containsExactly(
                Map.entry("search.factors", "fixed 16"), Map.entry("search.epochs", "int[10, 60]"),
                Map.entry("search.learning_rate", "log[0.002, 0.03]"), Map.entry("search.reg", "log[0.005, 0.2]"),
                Map.entry("search.fold_in_reg_per_rating", "log[0.02, 0.5]"));
        assertThat(SearchSpace.of("bias").params(Map.of())).containsExactly(Map.entry("search.reg_item", "real[1, 50]"),
                Map.entry("search.reg_user", "real[1, 50]"));
        assertThat(SearchSpace.of("popularity").params(Map.of())).containsExactly(
                Map.entry("search.half_life_days", "log[30, 3650]"));
    }

    @Test
    void aModelTypeWithoutASearchSpaceIsRejected() {
        assertThatThrownBy(() -> SearchSpace.of("word2vec"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model 'word2vec' has no declared search space; tune knows "
                        + "[als, als-implicit, autorec, bias, dae, ease, knn, knn-learned, mf, "
                        + "popularity]");
    }
}
