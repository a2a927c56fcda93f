package org.movierec.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A rating predictor that blends rating predictors: {@code intercept + sum_k weight_k * clip(score_k)}, each
 * component's prediction clipped to the rating scale {@code [low, high]} first. With an {@link ItemSupport} the
 * weights depend on the item ("feature-weighted linear stacking", Sill et al. 2009): {@code intercept + a_0 s_i +
 * sum_k (weight_k + a_k s_i) clip(score_k)}, where {@code s_i} is the item's support (how many ratings it had in
 * training, on a log scale), so the blend can trust each component differently for rarely and often rated titles.
 * The weights are a least-squares fit on ratings the components were not trained on; the components are saved
 * models of their own, in {@code component-0}, {@code component-1}, ... beside the blend's {@code blend.f32}
 * (intercept, low, high, then the weights) and, with a support, {@code blend-item-support.f32} (each item's
 * {@code s_i}) and {@code blend-support-weights.f32} ({@code a_0}, then {@code a_k}). All components rank the same
 * items as the blend.
 */
public final class BlendModel extends AbstractRecommender {

    public static final String TYPE = "blend";
    private static final String BLEND = "blend.f32";
    private static final String COMPONENT = "component-";
    private static final String ITEM_SUPPORT = "blend-item-support.f32";
    private static final String SUPPORT_WEIGHTS = "blend-support-weights.f32";

    private final List<Recommender> components;
    private final List<Map<String, String>> componentParams;
    private final float intercept;
    private final float[] weights;
    private final float low;
    private final float high;
    /** Null for a blend whose weights are the same for every item. */
    private final ItemSupport support;

    /**
     * The item-dependent part of the weights: each item's support {@code s_i}, and the weights {@code a_0} of the
     * support alone and {@code a_k} of the support times component {@code k}'s prediction.
     */
    public record ItemSupport(float[] support, float[] weights) {
    }

    /** A blend whose weights are the same for every item. */
    public BlendModel(List<Recommender> components, List<Map<String, String>> componentParams, float intercept,
                      float[] weights, float low, float high) {
        this(components, componentParams, intercept, weights, low, high, null);
    }

    /**
     * @param componentParams each component's hyper-parameters, written to its manifest
     * @param support         the weights' dependence on the item, or null for none
     */
    public BlendModel(List<Recommender> components, List<Map<String, String>> componentParams, float intercept,
                      float[] weights, float low, float high, ItemSupport support) {
        super(TYPE, checkedItems(components, componentParams, intercept, weights, low, high), true);
        if (support != null) {
            if (support.support().length != items().size() || support.weights().length != components.size() + 1) {
                throw new IllegalArgumentException("item support: expected " + items().size() + " items' supports and "
                        + (components.size() + 1) + " weights, got " + support.support().length + " and "
                        + support.weights().length);
            }
            Checks.finite(support.support(), "blend item supports");
            Checks.finite(support.weights(), "blend support weights");
            support = new ItemSupport(support.support().clone(), support.weights().clone());
        }
        this.components = List.copyOf(components);
        this.componentParams = List.copyOf(componentParams);
        this.intercept = intercept;
        this.weights = weights.clone();
        this.low = low;
        this.high = high;
        this.support = support;
    }

    /** The items of the components, once the blend's arguments are checked. */
    private static IdIndex checkedItems(List<Recommender> components, List<Map<String, String>> componentParams,
                                        float intercept, float[] weights, float low, float high) {
        if (components.isEmpty() || weights.length != components.size() || componentParams.size() != components.size()) {
            throw new IllegalArgumentException(components.size() + " components, " + weights.length + " weights and "
                    + componentParams.size() + " parameter sets");
        }
        Checks.finite(weights, "blend weights");
        Checks.finite(new float[] {intercept, low, high}, "blend intercept and rating scale");
        if (!(low < high)) {
            throw new IllegalArgumentException("rating scale [" + low + ", " + high + "] is empty");
        }
        IdIndex first = components.get(0).items();
        for (Recommender component : components) {
            if (!component.predictsRatings()) {
                throw new IllegalArgumentException("a " + component.type() + " model predicts no ratings: it cannot "
                        + "be blended");
            }
            if (!component.items().equals(first)) {
                throw new IllegalArgumentException("the blended models do not rank the same items");
            }
        }
        return first;
    }

    static BlendModel load(Path dir, ModelManifest manifest, IdIndex items) throws IOException {
        float[] stored = ArrayFiles.readFloats(dir.resolve(BLEND));
        if (stored.length < 4) {
            throw new IllegalArgumentException(BLEND + " holds " + stored.length + " values, expected at least 4");
        }
        List<Recommender> components = new ArrayList<>();
        List<Map<String, String>> params = new ArrayList<>();
        for (int k = 0; k < stored.length - 3; k++) {
            Path componentDir = dir.resolve(COMPONENT + k);
            if (!Files.isDirectory(componentDir)) {
                throw new IllegalArgumentException(componentDir + " is missing: " + (stored.length - 3)
                        + " weights, " + k + " components");
            }
            components.add(SavedModels.load(componentDir));
            params.add(SavedModels.readManifest(componentDir).params());
        }
        ItemSupport support = null;
        if (Files.exists(dir.resolve(ITEM_SUPPORT)) || Files.exists(dir.resolve(SUPPORT_WEIGHTS))) {
            support = new ItemSupport(ArrayFiles.readFloats(dir.resolve(ITEM_SUPPORT)),
                    ArrayFiles.readFloats(dir.resolve(SUPPORT_WEIGHTS)));
        }
        BlendModel blend = new BlendModel(components, params, stored[0],
                Arrays.copyOfRange(stored, 3, stored.length), stored[1], stored[2], support);
        if (!blend.items().equals(items)) {
            throw new IllegalArgumentException("the blend's items differ from its components'");
        }
        return blend;
    }

    @Override
    public void saveArrays(Path dir) throws IOException {
        float[] stored = new float[3 + weights.length];
        stored[0] = intercept;
        stored[1] = low;
        stored[2] = high;
        System.arraycopy(weights, 0, stored, 3, weights.length);
        ArrayFiles.writeFloats(dir.resolve(BLEND), stored);
        if (support != null) {
            ArrayFiles.writeFloats(dir.resolve(ITEM_SUPPORT), support.support());
            ArrayFiles.writeFloats(dir.resolve(SUPPORT_WEIGHTS), support.weights());
        }
        for (int k = 0; k < components.size(); k++) {
            Recommender component = components.get(k);
            SavedModels.save(component, ModelManifest.of(component.type(), componentParams.get(k), Instant.now()),
                    dir.resolve(COMPONENT + k));
        }
    }

    /** The blended models, in weight order. */
    public List<Recommender> components() {
        return components;
    }

    /** The items' blends of their components' {@link Recommender#predict}, in the order {@link #score} adds them. */
    @Override
    public float[] predict(UserRatings user, int... items) {
        float[][] predictions = new float[components.size()][];
        for (int k = 0; k < components.size(); k++) {
            predictions[k] = components.get(k).predict(user, items);
        }
        float[] blended = new float[items.length];
        for (int i = 0; i < items.length; i++) {
            float s = support == null ? 0 : support.support()[items[i]];
            blended[i] = intercept;
            if (support != null) {
                blended[i] += support.weights()[0] * s;
            }
            for (int k = 0; k < components.size(); k++) {
                float weight = weights[k];
                if (support != null) {
                    weight += support.weights()[k + 1] * s;
                }
                blended[i] += weight * Math.max(low, Math.min(high, predictions[k][i]));
            }
        }
        return blended;
    }

    @Override
    public void score(UserRatings user, float[] blended) {
        Arrays.fill(blended, intercept);
        if (support != null) {
            float[] s = support.support();
            float alone = support.weights()[0];
            for (int i = 0; i < blended.length; i++) {
                blended[i] += alone * s[i];
            }
        }
        for (int k = 0; k < components.size(); k++) {
            float[] scores = components.get(k).score(user);
            float weight = weights[k];
            if (support == null) {
                for (int i = 0; i < blended.length; i++) {
                    blended[i] += weight * Math.max(low, Math.min(high, scores[i]));
                }
            } else {
                float[] s = support.support();
                float a = support.weights()[k + 1];
                for (int i = 0; i < blended.length; i++) {
                    blended[i] += (weight + a * s[i]) * Math.max(low, Math.min(high, scores[i]));
                }
            }
        }
    }
}
