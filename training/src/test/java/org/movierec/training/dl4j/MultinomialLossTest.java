package org.movierec.training.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** Why Mult-DAE's loss is LossMCXENT with unit weights: only then is its gradient the multinomial's. */
class MultinomialLossTest {

    // logits (0, ln 3): softmax (0.25, 0.75); both items observed: labels (1, 1)
    private final INDArray logits = Nd4j.create(new float[] {0, (float) Math.log(3)}, new long[] {1, 2},
            DataType.FLOAT);
    private final INDArray labels = Nd4j.create(new float[] {1, 1}, new long[] {1, 2}, DataType.FLOAT);

    @Test
    void theWeightedLossHasTheMultinomialGradientAndScore() {
        LossMCXENT loss = new LossMCXENT(Nd4j.ones(DataType.FLOAT, 1, 2));

        // d(-sum x log p)/dz = p * sum(x) - x = (0.5 - 1, 1.5 - 1)
        float[] gradient = loss.computeGradient(labels, logits, new ActivationSoftmax(), null).toFloatVector();
        double score = loss.computeScore(labels, logits, new ActivationSoftmax(), null, true);

        assertThat(gradient).containsExactly(new float[] {-0.5f, 0.5f}, within(1e-6f));
        assertThat(score).isCloseTo(-Math.log(0.25) - Math.log(0.75), within(1e-5)); // 1.67398
    }

    @Test
    void theUnweightedLossAssumesLabelsThatSumToOne() {
        float[] gradient = new LossMCXENT().computeGradient(labels, logits, new ActivationSoftmax(), null)
                .toFloatVector();

        assertThat(gradient).containsExactly(new float[] {-0.75f, -0.25f}, within(1e-6f)); // p - x
    }
}
