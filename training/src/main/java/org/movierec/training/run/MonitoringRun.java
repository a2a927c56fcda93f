package org.movierec.training.run;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.movierec.mlflow.ModelRole;
import org.movierec.mlflow.ModelVersion;
import org.movierec.model.Recommender;
import org.movierec.training.data.Ratings;
import org.movierec.training.data.RatingsSnapshot;
import org.movierec.training.eval.Evaluation;
import org.movierec.training.eval.Evaluator;
import org.movierec.training.eval.ForwardInTimeSplitter;
import org.movierec.training.eval.Split;
import org.movierec.training.tracking.MetricPoint;
import org.movierec.training.tracking.TrackedRun;
import org.movierec.training.train.EpochListener;
import org.movierec.training.train.Trainers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches each served role's champion in production: scores it on the ratings made after its training
 * snapshot (a forward-in-time test, how it does for real users), beside a plain baseline trained on the
 * same snapshot ({@link #baselineType}) and its own test figure, judges the figure with a {@link DropRule}, and records it:
 * <ul>
 *   <li>in one monitoring run per role ({@code run_type = monitor}, named {@code monitor-<role>}), a point per
 *       week: step = the week of the newest rating (weeks since Monday 1970-01-05), timestamp = that rating's
 *       time, so the run's charts show each champion's quality over time; the current snapshot is its
 *       input dataset (context {@code evaluation});</li>
 *   <li>on the champion's registry version: {@code monitor.<role>.drop} ({@code true}/{@code false}), the
 *       figure, the reason and the run, which {@link Promoter} reads: a challenger replaces a dropped champion
 *       without the minimum improvement.</li>
 * </ul>
 */
public final class MonitoringRun extends VersionRun {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRun.class);
    static final String RUN_TYPE = "monitor";
    static final String ROLE_TAG = "monitor_role";
    /** 1970-01-05, the first Monday after the epoch: weeks are counted from it. */
    private static final Instant FIRST_MONDAY = Instant.parse("1970-01-05T00:00:00Z");

    public MonitoringRun(TrainingRun training, MlflowServer mlflow, Evaluator evaluator, Path workDir) {
        super(training, mlflow, evaluator, workDir);
    }

    /** The version tag saying whether the role's champion dropped at its latest check. */
    public static String dropTag(ModelRole role) {
        return "monitor." + role.id() + ".drop";
    }

    /**
     * What one check found for a role's champion.
     *
     * @param figure     its value of the role's metric on the new ratings; NaN when there were too few
     * @param runId      the role's monitoring run; null when there was no new rating (nothing logged)
     * @param drop       why the figure is a drop; null when it is not
     */
    public record Check(ModelRole role, ModelVersion champion, String modelType, String metric, double figure,
                        double baseline, double testFigure, int newRatings, int newUsers, Instant snapshot,
                        String runId, String runUrl, String drop) {

        /** The line a person reads in the task log and the alert. */
        public String message() {
            String who = String.format("%s champion %s version %d (%s)", role, champion.name(), champion.version(),
                    modelType);
            if (Double.isNaN(figure)) {
                return who + ": " + newRatings + " new ratings since its snapshot of " + snapshot
                        + ", too few to judge";
            }
            String figures = String.format("%s = %.5f on %d ratings of %d users made after its snapshot of %s "
                    + "(%s baseline %.5f, its test figure %.5f)", metric, figure, newRatings, newUsers, snapshot,
                    baselineType(role), baseline, testFigure);
            return drop == null ? who + ": " + figures : "DROP: " + who + ": " + drop + "; " + figures;
        }
    }

    public List<Check> monitor(DropRule rule) throws IOException, SQLException {
        mlflow.ping();
        RatingsSnapshot snapshot = training.readSnapshot();
        Map<Integer, Recommender> models = new HashMap<>();
        List<Check> checks = new ArrayList<>();
        for (ModelRole role : ModelRole.values()) {
            Optional<ModelVersion> champion = mlflow.registry().getModelVersionByAlias(mlflow.registeredModel(),
                    role.championAlias());
            if (champion.isEmpty()) {
                log.info("No {} champion ({}): nothing to watch", role, role.championAlias());
                continue;
            }
            Recommender model = models.get(champion.get().version());
            if (model == null) {
                model = download(champion.get(), "monitor");
                models.put(champion.get().version(), model);
            }
            Check check = check(role, champion.get(), model, snapshot, rule);
            (check.drop() != null ? log.atWarn() : log.atInfo()).log(check.message());
            checks.add(check);
        }
        return checks;
    }

    private Check check(ModelRole role, ModelVersion champion, Recommender model, RatingsSnapshot snapshot,
                        DropRule rule) {
        String metric = training.promoter().metric(role);
        Map<String, String> runTags = champion.runId() == null ? Map.of() : mlflow.tracker().runTags(champion.runId());
        Instant cutoff = snapshotTime(champion, runTags);
        double testFigure = champion.runId() == null ? Double.NaN
                : mlflow.tracker().runMetrics(champion.runId()).getOrDefault(metric, Double.NaN);
        Split split = new ForwardInTimeSplitter(cutoff).split(snapshot.ratings()).get(0);
        Ratings fresh = split.test();
        int newUsers = (int) IntStream.range(0, fresh.users().size())
                .filter(u -> fresh.byUser().count(u) > 0).count();
        double figure = Double.NaN;
        double baseline = Double.NaN;
        String drop = null;
        if (fresh.size() >= rule.minNewRatings()) {
            Evaluation evaluation = evaluator.evaluate(model, split);
            figure = evaluation.has(metric) ? evaluation.get(metric) : Double.NaN;
            Recommender plain = Trainers.create(baselineType(role), Map.of()).train(split.train(), fresh,
                    EpochListener.NONE);
            Evaluation baselineEvaluation = evaluator.evaluate(plain, split);
            baseline = baselineEvaluation.has(metric) ? baselineEvaluation.get(metric) : Double.NaN;
            drop = rule.judge(metric, figure, baseline, testFigure).orElse(null);
        }
        // no new rating: no point to log, no monitoring run to start
        TrackedRun run = fresh.size() == 0 ? null : monitoringRun(role);
        if (run != null) {
            record(run, role, champion, metric, figure, baseline, testFigure, fresh.size(), newUsers, newestTime(fresh),
                    drop, snapshot);
        }
        Check check = new Check(role, champion, runTags.getOrDefault("model_type",
                champion.tags().getOrDefault("model_type", model.type())), metric, figure, baseline, testFigure,
                fresh.size(), newUsers, cutoff, run == null ? null : run.runId(), run == null ? null : mlflow.runUrl(run),
                drop);
        String prefix = "monitor." + role.id() + ".";
        Map<String, String> versionTags = new LinkedHashMap<>();
        versionTags.put(dropTag(role), Boolean.toString(drop != null));
        versionTags.put(prefix + "message", check.message());
        if (run != null) {
            versionTags.put(prefix + "run_id", run.runId());
        }
        versionTags.put(prefix + "checked_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        versionTags.forEach((key, value) -> mlflow.registry().setModelVersionTag(champion.name(), champion.version(),
                key, value));
        return check;
    }

    /**
     * The plain model a role's champion must beat on the new ratings: popularity for the ranker (the same list
     * for everyone), user and item biases for the rating predictor (popularity predicts no ratings).
     */
    static String baselineType(ModelRole role) {
        return role == ModelRole.RANKER ? "popularity" : "bias";
    }

    /** The champion's training snapshot time: its version tag, else its run's (versions registered before it). */
    static Instant snapshotTime(ModelVersion champion, Map<String, String> runTags) {
        String text = champion.tags().getOrDefault("data.latest_rated_at", runTags.get("data.latest_rated_at"));
        if (text == null || text.isBlank()) {
            throw new IllegalStateException(champion.name() + " version " + champion.version()
                    + " has no data.latest_rated_at tag, on the version or its run: its training snapshot is unknown");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(champion.name() + " version " + champion.version()
                    + ": data.latest_rated_at '" + text + "' is not a time", e);
        }
    }

    /** The week of {@code epochSeconds}, counted from Monday 1970-01-05: the step of a monitoring point. */
    static long week(long epochSeconds) {
        return Math.floorDiv(epochSeconds - FIRST_MONDAY.getEpochSecond(), Duration.ofDays(7).toSeconds());
    }

    private static long newestTime(Ratings ratings) {
        long newest = Long.MIN_VALUE;
        for (int row = 0; row < ratings.size(); row++) {
            newest = Math.max(newest, ratings.time(row));
        }
        return newest;
    }

    /** The role's monitoring run: the newest one in the experiment, or a new one. */
    private TrackedRun monitoringRun(ModelRole role) {
        String experimentId = mlflow.experimentId();
        List<String> found = mlflow.tracker().findRuns(experimentId, "tags.run_type = '" + RUN_TYPE + "' and tags."
                + ROLE_TAG + " = '" + role.id() + "'");
        if (!found.isEmpty()) {
            String runId = found.get(0);
            return new TrackedRun(experimentId, runId, mlflow.tracker().artifactUri(runId));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("run_type", RUN_TYPE);
        tags.put(ROLE_TAG, role.id());
        tags.put("mlflow.note.content", "The " + role + " champion scored every week on the ratings made after its "
                + "training snapshot (forward in time), beside a " + baselineType(role) + " baseline trained on the same "
                + "snapshot.");
        return mlflow.startRun("monitor-" + role.id(), tags);
    }

    private void record(TrackedRun run, ModelRole role, ModelVersion champion, String metric, double figure,
                        double baseline, double testFigure, int newRatings, int newUsers, long newest, String drop,
                        RatingsSnapshot snapshot) {
        long step = week(newest);
        long timestamp = newest * 1000;
        List<MetricPoint> points = new ArrayList<>();
        points.add(new MetricPoint("new_ratings", newRatings, step, timestamp));
        points.add(new MetricPoint("new_users", newUsers, step, timestamp));
        points.add(new MetricPoint("champion_version", champion.version(), step, timestamp));
        points.add(new MetricPoint("drop", drop != null ? 1 : 0, step, timestamp));
        if (!Double.isNaN(figure)) {
            points.add(new MetricPoint(metric, figure, step, timestamp));
        }
        if (!Double.isNaN(baseline)) {
            points.add(new MetricPoint("baseline_" + metric, baseline, step, timestamp));
        }
        if (!Double.isNaN(testFigure)) {
            points.add(new MetricPoint("test_" + metric, testFigure, step, timestamp));
        }
        mlflow.tracker().logMetrics(run.runId(), points);
        mlflow.logDataset(run, snapshot.tags(), TrainingRun.EVALUATION);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("monitor.champion_version", Integer.toString(champion.version()));
        tags.put("monitor.last_week", Long.toString(step));
        tags.put("monitor.last_drop", drop != null ? drop : "");
        mlflow.tracker().setTags(run.runId(), tags);
        mlflow.tracker().finishRun(run.runId());
        log.info("Monitoring run {} of the {} champion: week {} logged ({})", run.runId(), role, step, mlflow.runUrl(run));
    }
}
