package org.movierec.model;

/**
 * A model whose scores are products of its item factors with one vector per user, folded in from the user's
 * ratings ({@link FactorModel}: {@code mf}, {@code bias}, {@code autorec}, {@code als}; {@link ImplicitFactorModel}:
 * {@code als-implicit}). Folding in and scoring are apart, so that the vectors of many users are scored together in
 * one matrix product over the item factors ({@link FactorProducts}) instead of one matrix-vector product each: the
 * item factors (35 MB at 87,585 items x 100 factors) are then read once for all of them.
 */
public interface FactorScoring extends Recommender {

    /** The user's vector, folded in from their ratings: what {@link #score(UserRatings)} scores with. */
    float[] userVector(UserRatings user);

    /**
     * The scores of the first {@code count} of {@code vectors} (each from {@link #userVector}) into the arrays of
     * {@code scores} (each of length {@code items().size()}): for each user what {@link #score(UserRatings)} gives,
     * up to the rounding of a different order of additions.
     */
    void scoreVectors(float[][] vectors, int count, float[][] scores);

    /**
     * {@link #scoreVectors} from the item factors rounded to bfloat16 ({@link FactorProducts#rounded}: half the bytes
     * to read): each user's scores within {@link #roundedError} of {@link #scoreItem}'s. Where the JVM has no rounded
     * kernel, the exact scores.
     */
    void scoreVectorsRounded(float[][] vectors, int count, float[][] scores);

    /** The most by which a score of {@link #scoreVectorsRounded} can differ from {@link #scoreItem}'s. */
    float roundedError(float[] vector);

    /** The highest score there can be: the top of the rating scale for a clamped predictor, else infinity. */
    float highestScore();

    /** One item's score for the user vector: what {@link #score(UserRatings)} gives it. */
    float scoreItem(float[] vector, int item);

    /** The items' scores from one fold-in of the user and one dot product an item. */
    @Override
    default float[] predict(UserRatings user, int... items) {
        float[] vector = userVector(user);
        float[] scores = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            scores[i] = scoreItem(vector, items[i]);
        }
        return scores;
    }
}
