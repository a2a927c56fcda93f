package org.movierec.training;

import java.util.Map;
import org.movierec.training.run.DropRule;

/**
 * What the command line asks for ({@link TrainingCli}).
 *
 * @param command         {@code train}, {@code tune}, {@code evaluate}, {@code promote} or {@code monitor}
 * @param model           train and tune: the model type; null for the others
 * @param hyperParameters the {@code name=value} arguments, in the order given
 * @param split           the split options given; absent ones come from the configuration
 * @param trials          the trials of a search: tune's (default 10), or train's when given (0: train the
 *                        defaults); null for train's configured budget
 * @param version         evaluate: the version to score, null for the champion; promote: the version to decide on
 * @param skipUnchanged   train nothing when the newest version of the same configuration saw the same data
 * @param resultFile      where to write the outcome as JSON; null for nowhere
 * @param dropRule        monitor: when a champion's figure on new ratings counts as a drop; null for the others
 */
record TrainingTask(String command, String model, Map<String, String> hyperParameters, Split split, boolean promote,
                    String runName, Integer trials, Integer version, boolean skipUnchanged, String resultFile,
                    DropRule dropRule) {

    /** The split options of the command line, each null when not given. */
    record Split(String method, Double testFraction, Integer folds, Long seed) {
        static final Split CONFIGURED = new Split(null, null, null, null);
    }
}
