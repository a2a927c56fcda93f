package org.movierec.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Content similarity between titles: each movie is an L2-normalised TF-IDF vector over its features
 * (genres, tags, IMDb people and director, named like {@code genre:Comedy} or {@code director:nm0000229}),
 * and two movies are as similar as the cosine of their vectors. Kept as sparse rows plus, built on load,
 * the inverted index that answers "most similar to this movie" by visiting only movies sharing a feature.
 *
 * <p>Saved in a directory of its own: {@code content-items.ids}, {@code content-rows.i32} (row starts),
 * {@code content-features.i32}, {@code content-weights.f32} and {@code content-features.txt} (one feature
 * name per line, in feature-index order).
 */
public final class ContentIndex {

    private static final String ITEMS = "content-items.ids";
    private static final String ROWS = "content-rows.i32";
    private static final String FEATURES = "content-features.i32";
    private static final String WEIGHTS = "content-weights.f32";
    private static final String NAMES = "content-features.txt";

    /** A movie and its similarity to the one asked about. */
    public record Similar(long movieId, float similarity) {
    }

    private final IdIndex items;
    private final int[] rowStart;
    private final int[] feature;
    private final float[] weight;
    private final List<String> featureNames;
    private final int[] postingStart;
    private final int[] postingItem;
    private final float[] postingWeight;

    /**
     * @param rowStart item {@code i}'s features are {@code feature[rowStart[i] .. rowStart[i + 1] - 1]}
     */
    public ContentIndex(IdIndex items, int[] rowStart, int[] feature, float[] weight, List<String> featureNames) {
        if (rowStart.length != items.size() + 1 || weight.length != feature.length) {
            throw new IllegalArgumentException("rows, features and weights do not fit " + items.size() + " items");
        }
        Checks.rowStarts(rowStart, feature.length, "content rows");
        Checks.finite(weight, "content weights");
        this.items = items;
        this.rowStart = rowStart;
        this.feature = feature;
        this.weight = weight;
        this.featureNames = List.copyOf(featureNames);
        postingStart = new int[featureNames.size() + 1];
        for (int f : feature) {
            if (f < 0 || f >= featureNames.size()) {
                throw new IllegalArgumentException("feature index " + f + " outside 0.." + (featureNames.size() - 1));
            }
            postingStart[f + 1]++;
        }
        for (int f = 0; f < featureNames.size(); f++) {
            postingStart[f + 1] += postingStart[f];
        }
        postingItem = new int[feature.length];
        postingWeight = new float[feature.length];
        int[] next = postingStart.clone();
        for (int i = 0; i < items.size(); i++) {
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int at = next[feature[k]]++;
                postingItem[at] = i;
                postingWeight[at] = weight[k];
            }
        }
    }

    public IdIndex items() {
        return items;
    }

    public int featureCount() {
        return featureNames.size();
    }

    /** The names of a movie's features, heaviest first; empty for a movie without content. */
    public List<String> features(long movieId) {
        int item = items.indexOf(movieId);
        if (item < 0) {
            return List.of();
        }
        List<Integer> order = new ArrayList<>();
        for (int k = rowStart[item]; k < rowStart[item + 1]; k++) {
            order.add(k);
        }
        order.sort((a, b) -> Float.compare(weight[b], weight[a]));
        return order.stream().map(k -> featureNames.get(feature[k])).toList();
    }

    /** The {@code n} movies most similar to {@code movieId}, most similar first, itself excluded. */
    public List<Similar> similarTo(long movieId, int n) {
        int item = items.indexOf(movieId);
        if (item < 0 || n <= 0) {
            return List.of();
        }
        float[] score = new float[items.size()];
        for (int k = rowStart[item]; k < rowStart[item + 1]; k++) {
            int f = feature[k];
            for (int p = postingStart[f]; p < postingStart[f + 1]; p++) {
                score[postingItem[p]] += weight[k] * postingWeight[p];
            }
        }
        score[item] = 0;
        PriorityQueue<Integer> best = new PriorityQueue<>(n + 1,
                (a, b) -> score[a] != score[b] ? Float.compare(score[a], score[b]) : Integer.compare(b, a));
        for (int i = 0; i < score.length; i++) {
            if (score[i] > 0) {
                best.add(i);
                if (best.size() > n) {
                    best.poll();
                }
            }
        }
        List<Similar> result = new ArrayList<>(best.size());
        while (!best.isEmpty()) {
            int i = best.poll();
            result.add(0, new Similar(items.idAt(i), score[i]));
        }
        return result;
    }

    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ArrayFiles.writeLongs(dir.resolve(ITEMS), items.ids());
        ArrayFiles.writeInts(dir.resolve(ROWS), rowStart);
        ArrayFiles.writeInts(dir.resolve(FEATURES), feature);
        ArrayFiles.writeFloats(dir.resolve(WEIGHTS), weight);
        Files.write(dir.resolve(NAMES), featureNames, StandardCharsets.UTF_8);
    }

    public static ContentIndex load(Path dir) {
        try {
            return new ContentIndex(IdIndex.fromSorted(ArrayFiles.readLongs(dir.resolve(ITEMS))),
                    ArrayFiles.readInts(dir.resolve(ROWS)), ArrayFiles.readInts(dir.resolve(FEATURES)),
                    ArrayFiles.readFloats(dir.resolve(WEIGHTS)), Files.readAllLines(dir.resolve(NAMES)));
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(dir + " is missing " + e.getFile(), e);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read the content index in " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidModelException(dir + " holds an inconsistent content index: " + e.getMessage(), e);
        }
    }
}
