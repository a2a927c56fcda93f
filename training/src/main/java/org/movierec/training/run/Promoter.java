package org.movierec.training.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowException;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelRole;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.Split;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, in each {@link ModelRole} whose metric a new version's evaluation has, which of the role's aliases
 * it gets. It becomes champion when it beats the role's champion by the configured minimum, both evaluated on
 * the same split; else challenger when it does at least as well as the role's challenger: the challenger is the
 * best version but the champion on the latest comparison. When the champion moves, the old champion and the old
 * challenger compete for challenger. The existing versions' files are downloaded and scored here rather than
 * their logged metrics trusted, because they were evaluated on older snapshots; each at most once per decision.
 * A version that loses an alias has its {@code decision} tag changed and a {@code replaced} tag saying when and by
 * which version (its run's tags keep the decision made when it was trained).
 */
public final class Promoter {

    private static final Logger log = LoggerFactory.getLogger(Promoter.class);

    private final MlflowRegistry registry;
    private final MlflowArtifacts artifacts;
    private final Map<ModelRole, String> metrics;
    private final double minImprovement;
    private final Path workDir;

    /** @param metrics the promotion metric of each role ({@code ndcg_at_10} and {@code rmse} by default) */
    public Promoter(MlflowRegistry registry, MlflowArtifacts artifacts, Map<ModelRole, String> metrics,
                    double minImprovement, Path workDir) {
        this.registry = registry;
        this.artifacts = artifacts;
        this.metrics = new EnumMap<>(metrics);
        this.minImprovement = minImprovement;
        this.workDir = workDir;
        for (ModelRole role : ModelRole.values()) {
            if (!this.metrics.containsKey(role)) {
                throw new IllegalArgumentException("no promotion metric for the " + role + " role");
            }
        }
    }

    /** The promotion metric of {@code role}. */
    public String metric(ModelRole role) {
        return metrics.get(role);
    }

    /** The ranker's metric. */
    public String metric() {
        return metrics.get(ModelRole.RANKER);
    }

    /** Decides with the in-JVM {@link Evaluator} scoring the existing versions on {@code split}. */
    List<Promotion> decide(ModelVersion candidate, Evaluation evaluation, Split split, Evaluator evaluator,
                           boolean allowed) throws IOException {
        return decide(candidate, evaluation, model -> evaluator.evaluate(model, split), allowed);
    }

    /**
     * @param evaluation the candidate's evaluation
     * @param sameData   evaluates an existing version's model on the data the candidate was evaluated on
     * @param allowed    whether a champion may move at all; when not, the version competes for challenger only
     * @return one decision per role the version competes in (none when its evaluation has no role's metric)
     */
    public List<Promotion> decide(ModelVersion candidate, Evaluation evaluation,
                                  Function<Recommender, Evaluation> sameData, boolean allowed) throws IOException {
        Comparison comparison = new Comparison(candidate, evaluation, sameData);
        List<Promotion> promotions = new ArrayList<>();
        for (ModelRole role : ModelRole.values()) {
            String metric = metrics.get(role);
            if (!evaluation.has(metric)) {
                log.info("Version {} does not compete as {}: its evaluation has no {}", candidate.version(), role, metric);
                continue;
            }
            try {
                promotions.add(decide(role, metric, comparison, allowed));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        registry.setModelVersionDescription(candidate.name(), candidate.version(), VersionDescription.of(
                registry.getModelVersion(candidate.name(), candidate.version()), promotions, Instant.now()));
        return promotions;
    }

    private Promotion decide(ModelRole role, String metric, Comparison comparison, boolean allowed) {
        ModelVersion candidate = comparison.candidate;
        double value = comparison.evaluation.get(metric);
        Optional<ModelVersion> champion = registry.getModelVersionByAlias(candidate.name(), role.championAlias());
        if (champion.isPresent() && champion.get().version() == candidate.version()) {
            return new Promotion(role, role.championAlias(), "already the " + role + " champion", metric, value,
                    candidate.version(), value);
        }
        Optional<ModelVersion> challenger = registry.getModelVersionByAlias(candidate.name(), role.challengerAlias())
                .filter(c -> c.version() != candidate.version())
                .filter(c -> champion.isEmpty() || c.version() != champion.get().version());
        Scored held = champion.map(c -> comparison.score(c, metric)).orElse(null);
        int championVersion = held == null ? 0 : held.version();
        double championValue = held == null ? Double.NaN : held.value();
        // a champion whose figure on the ratings made after its snapshot dropped (MonitoringRun) keeps its alias
        // only against versions that do worse: the minimum improvement is waived
        boolean dropped = champion.map(c -> "true".equals(c.tags().get(MonitoringRun.dropTag(role)))).orElse(false);
        double required = dropped ? 0 : minImprovement;
        String why = held == null ? "there was no " + role + " champion"
                : held.failure() != null ? "the " + role + " champion (version " + championVersion + ") cannot be scored: "
                        + held.failure()
                : String.format("%s %.5f against the %s champion's (version %d) %.5f on the same split, minimum "
                        + "improvement %s", metric, value, role, championVersion, championValue, required)
                        + (dropped ? " (waived: the champion dropped on the ratings made after its snapshot, "
                        + MonitoringRun.dropTag(role) + ")" : "");
        boolean better = held == null || held.failure() != null
                || Promotion.beats(metric, value, held.value(), required);
        if (better && allowed) {
            registry.setAlias(candidate.name(), role.championAlias(), candidate.version());
            Scored other = challenger.map(c -> comparison.score(c, metric)).orElse(null);
            Scored runnerUp = best(metric, held, other);
            if (runnerUp != null) {
                registry.setAlias(candidate.name(), role.challengerAlias(), runnerUp.version());
            } else if (other != null) {
                registry.deleteAlias(candidate.name(), role.challengerAlias());   // it cannot be scored
            }
            if (held != null) {
                replaced(role, held, runnerUp == held ? role.challengerAlias() : null, candidate, "champion");
            }
            if (other != null && runnerUp != other) {
                replaced(role, other, null, candidate, "challenger");
            }
            return apply(candidate, new Promotion(role, role.championAlias(), "promoted: " + why, metric, value,
                    championVersion, championValue));
        }
        String notPromoted = better ? "not promoted, promotion was not allowed for this run: " + why
                : "not promoted: " + why;
        Scored other = challenger.map(c -> comparison.score(c, metric)).orElse(null);
        if (other == null || other.failure() != null || Promotion.beats(metric, value, other.value(), 0)) {
            registry.setAlias(candidate.name(), role.challengerAlias(), candidate.version());
            if (other != null) {
                replaced(role, other, null, candidate, "challenger");
            }
            return apply(candidate, new Promotion(role, role.challengerAlias(), notPromoted + (other == null ? ""
                    : String.format("; at least as good as the challenger (version %d, %s)", other.version(),
                    other.failure() != null ? "cannot be scored" : String.format("%.5f", other.value()))), metric, value,
                    championVersion, championValue));
        }
        return apply(candidate, new Promotion(role, null, notPromoted + String.format(
                "; below the challenger (version %d, %.5f)", other.version(), other.value()), metric, value,
                championVersion, championValue));
    }

    /** The better of two scored versions (either may be null or unscorable); null when neither scored. */
    private static Scored best(String metric, Scored a, Scored b) {
        boolean aScored = a != null && a.failure() == null;
        boolean bScored = b != null && b.failure() == null;
        if (!aScored) {
            return bScored ? b : null;
        }
        if (!bScored) {
            return a;
        }
        return Promotion.beats(metric, b.value(), a.value(), 0) && b.value() != a.value() ? b : a;
    }

    /** A version that lost {@code lost} to {@code by}: its decision tag says what it holds now, and since when. */
    private void replaced(ModelRole role, Scored loser, String nowHolds, ModelVersion by, String lost) {
        String prefix = role.tagPrefix();
        String decision = Promotion.decision(role, nowHolds);
        registry.setModelVersionTag(by.name(), loser.version(), prefix + "decision", decision);
        registry.setModelVersionTag(by.name(), loser.version(), prefix + "replaced", lost + " until "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", replaced by version " + by.version());
        log.info("Version {} of {} is no longer the {} {}: now {}", loser.version(), by.name(), role, lost, decision);
    }

    private Promotion apply(ModelVersion candidate, Promotion promotion) {
        promotion.tags().forEach((key, value) -> registry.setModelVersionTag(candidate.name(), candidate.version(), key,
                value));
        log.info("Version {} of {} as {}: {}", candidate.version(), candidate.name(), promotion.role(),
                promotion.reason());
        return promotion;
    }

    /** An existing version's value of a metric on the candidate's data, or why it could not be scored. */
    private record Scored(int version, double value, String failure) {
    }

    /** The candidate and the existing versions scored on its data, each scored at most once. */
    private final class Comparison {
        private final ModelVersion candidate;
        private final Evaluation evaluation;
        private final Function<Recommender, Evaluation> sameData;
        private final Map<Integer, Outcome> outcomes = new HashMap<>();

        Comparison(ModelVersion candidate, Evaluation evaluation, Function<Recommender, Evaluation> sameData) {
            this.candidate = candidate;
            this.evaluation = evaluation;
            this.sameData = sameData;
        }

        /**
         * A version that cannot be downloaded, loaded or scored (files deleted, a format this software does not
         * read, a damaged folder) must not block every later run: it scores as a failure the candidate beats.
         */
        Scored score(ModelVersion version, String metric) {
            Outcome outcome = outcomes.computeIfAbsent(version.version(), v -> evaluate(version));
            if (outcome.failure() != null) {
                return new Scored(version.version(), Double.NaN, outcome.failure());
            }
            if (!outcome.evaluation().has(metric)) {
                return new Scored(version.version(), Double.NaN, "it has no " + metric);
            }
            double value = outcome.evaluation().get(metric);
            log.info("Version {} on this split: {} = {}", version.version(), metric, value);
            return new Scored(version.version(), value, null);
        }

        private Outcome evaluate(ModelVersion version) {
            try {
                return new Outcome(sameData.apply(VersionRun.download(artifacts, version, workDir, "version")), null);
            } catch (MlflowException e) {
                if (e.status() == 0) {
                    throw e;
                }
                log.warn("Version {} cannot be scored: {}", version.version(), e.getMessage());
                return new Outcome(null, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                log.warn("Version {} cannot be scored: {}", version.version(), e.getMessage());
                return new Outcome(null, String.valueOf(e.getMessage()));
            }
        }
    }

    /** An existing version's evaluation on the candidate's data, or why there is none. */
    private record Outcome(Evaluation evaluation, String failure) {
    }
}
