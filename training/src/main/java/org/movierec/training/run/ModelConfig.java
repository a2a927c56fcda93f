package org.movierec.training.run;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.movierec.mlflow.ModelVersion;
import org.movierec.training.eval.Splitter;
import org.movierec.training.train.Trainer;

/**
 * What identifies a model configuration (type, every hyper-parameter with defaults filled in, the split) and
 * the data a version was trained on, as tags on each registered version; {@code train --skip-unchanged} uses
 * them to find a version that a new run would only repeat.
 */
public final class ModelConfig {

    public static final String CONFIG_TAG = "training.config";
    public static final String CHECKSUM_TAG = "data.checksum";

    /** {@code model_type=mf;epochs=20;...;split_method=random_holdout;...}, keys sorted, so equal settings are equal. */
    static String key(Trainer trainer, Splitter splitter) {
        return key(trainer.type(), trainer.params(), splitter.params());
    }

    /** The same key from a model type, its hyper-parameters and the split's parameters. */
    public static String key(String type, Map<String, String> params, Map<String, String> splitParams) {
        Map<String, String> all = new TreeMap<>(params);
        all.putAll(splitParams);
        return "model_type=" + type + ";" + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /**
     * The newest version of {@code versions} registered with configuration {@code config}, if it was trained
     * on data with checksum {@code checksum}; empty when there is none or the newest one saw other data.
     */
    public static Optional<ModelVersion> sameConfigAndData(List<ModelVersion> versions, String config, String checksum) {
        return versions.stream().filter(v -> config.equals(v.tags().get(CONFIG_TAG)))
                .max((a, b) -> Integer.compare(a.version(), b.version()))
                .filter(v -> checksum.equals(v.tags().get(CHECKSUM_TAG)));
    }

    private ModelConfig() {
    }
}
