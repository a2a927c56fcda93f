package org.movierec.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The multinomial denoising autoencoder (Mult-DAE, Liang et al. 2018) for top-N ranking, scored in plain
 * Java. A user's input is the set of items they rated at least {@code threshold}, as a binary vector
 * normalised to unit length; the hidden layer is {@code tanh(x W1 + b1)}, which for such an input is the sum
 * of the {@code W1} rows of those items divided by the square root of their number, plus {@code b1}; the
 * scores are the logits {@code h W2 + b2} (the softmax of training is monotone, so it is left out). A user
 * with no such item gets {@code tanh(b1) W2 + b2}, the same for everyone.
 */
public final class DaeModel extends AbstractRecommender {

    public static final String TYPE = "dae";

    private static final String PARAMS = "params.f32";
    private static final String ENCODER_WEIGHTS = "encoder-weights.f32";
    private static final String ENCODER_BIAS = "encoder-bias.f32";
    private static final String DECODER_WEIGHTS = "decoder-weights.f32";
    private static final String DECODER_BIAS = "decoder-bias.f32";

    private final float threshold;
    private final FloatMatrix encoderWeights;
    private final float[] encoderBias;
    private final FloatMatrix decoderWeights;
    private final float[] decoderBias;

    /**
     * @param threshold      the least rating that counts as an input item
     * @param encoderWeights {@code W1}, items x hidden units
     * @param encoderBias    {@code b1}, one per hidden unit
     * @param decoderWeights {@code W2}, hidden units x items
     * @param decoderBias    {@code b2}, one per item
     */
    public DaeModel(IdIndex items, float threshold, FloatMatrix encoderWeights, float[] encoderBias,
                    FloatMatrix decoderWeights, float[] decoderBias) {
        super(TYPE, items, false);
        int hidden = encoderBias.length;
        if (encoderWeights.rows() != items.size() || encoderWeights.cols() != hidden
                || decoderWeights.rows() != hidden || decoderWeights.cols() != items.size()
                || decoderBias.length != items.size()) {
            throw new IllegalArgumentException(items.size() + " items and " + hidden + " hidden units need "
                    + "encoder weights " + items.size() + " x " + hidden + ", decoder weights " + hidden + " x "
                    + items.size() + " and " + items.size() + " decoder biases; got " + encoderWeights.rows() + " x "
                    + encoderWeights.cols() + ", " + decoderWeights.rows() + " x " + decoderWeights.cols() + " and "
                    + decoderBias.length);
        }
        Checks.finite(new float[] {threshold}, "DAE threshold");
        Checks.finite(encoderWeights.data(), "DAE encoder weights");
        Checks.finite(encoderBias, "DAE encoder biases");
        Checks.finite(decoderWeights.data(), "DAE decoder weights");
        Checks.finite(decoderBias, "DAE decoder biases");
        this.threshold = threshold;
        this.encoderWeights = encoderWeights;
        this.encoderBias = encoderBias;
        this.decoderWeights = decoderWeights;
        this.decoderBias = decoderBias;
    }

    static DaeModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] params = ArrayFiles.readFloats(dir.resolve(PARAMS));
        if (params.length != 1) {
            throw new InvalidModelException(dir.resolve(PARAMS) + " holds " + params.length + " values, expected 1");
        }
        return new DaeModel(items, params[0], ArrayFiles.readFloatMatrix(dir.resolve(ENCODER_WEIGHTS)),
                ArrayFiles.readFloats(dir.resolve(ENCODER_BIAS)), ArrayFiles.readFloatMatrix(dir.resolve(DECODER_WEIGHTS)),
                ArrayFiles.readFloats(dir.resolve(DECODER_BIAS)));
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        ArrayFiles.writeFloats(dir.resolve(PARAMS), new float[] {threshold});
        ArrayFiles.writeFloats(dir.resolve(ENCODER_WEIGHTS), encoderWeights);
        ArrayFiles.writeFloats(dir.resolve(ENCODER_BIAS), encoderBias);
        ArrayFiles.writeFloats(dir.resolve(DECODER_WEIGHTS), decoderWeights);
        ArrayFiles.writeFloats(dir.resolve(DECODER_BIAS), decoderBias);
    }

    /** The input embeddings: row {@code i} of {@code W1}. */
    @Override
    public Optional<FloatMatrix> itemVectors() {
        return Optional.of(encoderWeights.copy());
    }

    public float threshold() {
        return threshold;
    }

    public int hiddenUnits() {
        return encoderBias.length;
    }

    /** The logits of every item for the user; an item rated twice counts once. */
    @Override
    public void score(UserRatings user, float[] scores) {
        float[] hidden = hidden(user);
        System.arraycopy(decoderBias, 0, scores, 0, scores.length);
        float[] weights = decoderWeights.data();
        int width = scores.length;
        for (int k = 0; k < hidden.length; k++) {
            float h = hidden[k];
            int offset = k * width;
            for (int i = 0; i < width; i++) {
                scores[i] += h * weights[offset + i];
            }
        }
    }

    /** The hidden layer for the user's input: {@code tanh(x W1 + b1)} with {@code x} the normalised input. */
    float[] hidden(UserRatings user) {
        boolean[] positive = new boolean[items().size()];
        int count = 0;
        for (int j = 0; j < user.size(); j++) {
            int item = user.items()[j];
            if (user.ratings()[j] >= threshold && !positive[item]) {
                positive[item] = true;
                count++;
            }
        }
        int units = encoderBias.length;
        double[] sum = new double[units];
        for (int item = 0; count > 0 && item < positive.length; item++) {
            if (positive[item]) {
                int offset = item * units;
                for (int k = 0; k < units; k++) {
                    sum[k] += encoderWeights.data()[offset + k];
                }
            }
        }
        double scale = count == 0 ? 0 : 1 / Math.sqrt(count);
        float[] hidden = new float[units];
        for (int k = 0; k < units; k++) {
            hidden[k] = (float) Math.tanh(encoderBias[k] + sum[k] * scale);
        }
        return hidden;
    }
}
