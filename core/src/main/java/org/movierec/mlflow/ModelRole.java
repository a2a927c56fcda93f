package org.movierec.mlflow;

/**
 * The two jobs a registered model's versions compete for, each with its own pair of aliases: the top-N
 * {@link #RANKER} (aliases {@code champion} and {@code challenger}, promoted by NDCG@10 unless configured
 * otherwise) and the rating {@link #PREDICTOR} ({@code predictor-champion} and {@code predictor-challenger},
 * promoted by RMSE). Every version competes in each role whose metric its evaluation has, so a rating model
 * may hold both champions. Serving loads each role's champion.
 */
public enum ModelRole {

    RANKER("ranker", "champion", "challenger", "promotion."),
    PREDICTOR("predictor", "predictor-champion", "predictor-challenger", "promotion.predictor.");

    private final String id;
    private final String champion;
    private final String challenger;
    private final String tagPrefix;

    ModelRole(String id, String champion, String challenger, String tagPrefix) {
        this.id = id;
        this.champion = champion;
        this.challenger = challenger;
        this.tagPrefix = tagPrefix;
    }

    /** {@code ranker} or {@code predictor}, as in settings, answers and logs. */
    public String id() {
        return id;
    }

    /** The alias of the version serving this role. */
    public String championAlias() {
        return champion;
    }

    /** The alias of the best other version on the latest comparison. */
    public String challengerAlias() {
        return challenger;
    }

    /** The start of the model-version and run tags this role's promotion writes ({@code promotion.decision}, ...). */
    public String tagPrefix() {
        return tagPrefix;
    }

    @Override
    public String toString() {
        return id;
    }
}
