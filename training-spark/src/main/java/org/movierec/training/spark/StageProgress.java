package org.movierec.training.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every finished Spark stage (what it ran, its tasks and seconds), so a long run shows its progress in
 * the job's log, not only in Spark's web UI.
 */
final class StageProgress extends SparkListener {

    private static final Logger log = LoggerFactory.getLogger(StageProgress.class);

    @Override
    public void onStageCompleted(SparkListenerStageCompleted completed) {
        StageInfo stage = completed.stageInfo();
        long millis = stage.completionTime().isDefined() && stage.submissionTime().isDefined()
                ? (Long) stage.completionTime().get() - (Long) stage.submissionTime().get() : 0;
        String name = stage.name().replaceAll(" at \\S+\\.(java|scala):\\d+", "");
        if (stage.failureReason().isDefined()) {
            log.warn("Spark stage {} ({}) failed after {} s: {}", stage.stageId(), name,
                    String.format("%.1f", millis / 1e3), stage.failureReason().get());
        } else {
            log.info("Spark stage {} ({}) done: {} tasks in {} s", stage.stageId(), name, stage.numTasks(),
                    String.format("%.1f", millis / 1e3));
        }
    }
}
