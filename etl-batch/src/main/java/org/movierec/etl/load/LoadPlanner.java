package org.movierec.etl.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Decides, before a run starts, which of its feeds load (their file changed since the last load)
 * and which load whole (every table they fill is empty). The decisions travel as job parameters,
 * so every step sees them, and a restart decides the same: nothing is merged before the run ends.
 */
@Component
public class LoadPlanner {

    private final LoadHistory history;
    private final JdbcTemplate jdbc;

    public LoadPlanner(LoadHistory history, JdbcTemplate jdbc) {
        this.history = history;
        this.jdbc = jdbc;
    }

    /** What a run does with each feed. */
    public record Plan(Map<Feed, Decision> decisions) {

        public boolean nothingChanged() {
            return decisions.values().stream().noneMatch(Decision::changed);
        }

        public void addTo(JobParametersBuilder parameters) {
            decisions.forEach((feed, decision) -> parameters
                    .addString(feed.changedParameter(), Boolean.toString(decision.changed()), false)
                    .addString(feed.initialParameter(), Boolean.toString(decision.initial()), false));
        }
    }

    public record Decision(boolean changed, boolean initial) {
    }

    public Plan plan(Source source, Map<Feed, String> checksums, boolean force) {
        boolean anyChanged = force || checksums.entrySet().stream()
                .anyMatch(e -> history.changed(source.name(), e.getKey(), e.getValue()));
        Map<Feed, Decision> decisions = new LinkedHashMap<>();
        checksums.forEach((feed, checksum) -> {
            boolean changed = force || (source.reloadsTogether() ? anyChanged : history.changed(source.name(), feed, checksum));
            decisions.put(feed, new Decision(changed, changed && initialLoad(feed)));
        });
        return new Plan(decisions);
    }

    static boolean changed(JobParameters parameters, Feed feed) {
        return "true".equals(parameters.getString(feed.changedParameter()));
    }

    static boolean initial(JobParameters parameters, Feed feed) {
        return "true".equals(parameters.getString(feed.initialParameter()));
    }

    /** Whether every table of the feed is empty and takes the whole snapshot: then it is loaded whole. */
    private boolean initialLoad(Feed feed) {
        for (TableMerge merge : feed.merges()) {
            if (merge.from() != null) {
                continue;
            }
            if (merge.scope() != null || merge.filter() != null || Boolean.TRUE.equals(jdbc.queryForObject(
                    "select exists (select 1 from " + merge.target() + ")", Boolean.class))) {
                return false;
            }
        }
        return true;
    }
}
