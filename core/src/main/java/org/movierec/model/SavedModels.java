package org.movierec.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saves a {@link Recommender} to a directory and loads it back. The directory holds {@code model.json}
 * (a {@link ModelManifest}), {@code items.ids} (the movie ids in index order) and the model's own arrays
 * (see {@link ArrayFiles}). Loading refuses, with a message naming the directory, a directory whose format,
 * version or type it does not know and any missing or damaged file.
 */
public final class SavedModels {

    public static final String MANIFEST = "model.json";
    public static final String ITEM_IDS = "items.ids";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The loaders of every model type, keyed by the type written in the manifest. */
    private static final Map<String, ModelLoader> LOADERS = Map.ofEntries(
            Map.entry(FactorModel.BIAS_TYPE, FactorModel::load),
            Map.entry(FactorModel.MF_TYPE, FactorModel::load),
            Map.entry(FactorModel.AUTOREC_TYPE, FactorModel::load),
            Map.entry(FactorModel.ALS_TYPE, FactorModel::load),
            Map.entry(ImplicitFactorModel.TYPE, ImplicitFactorModel::load),
            Map.entry(DaeModel.TYPE, DaeModel::load),
            Map.entry(PopularityModel.TYPE, PopularityModel::load),
            Map.entry(EaseModel.TYPE, EaseModel::load),
            Map.entry(ItemKnnModel.TYPE, ItemKnnModel::load),
            Map.entry(ItemKnnModel.LEARNED_TYPE, ItemKnnModel::load),
            Map.entry(BlendModel.TYPE, BlendModel::load));

    private SavedModels() {
    }

    /** Loads one model type's arrays; the manifest and the item ids are already read and checked. */
    @FunctionalInterface
    interface ModelLoader {
        Recommender load(Path dir, ModelManifest manifest, IdIndex items) throws IOException;
    }

    public static Set<String> knownTypes() {
        return new TreeSet<>(LOADERS.keySet());
    }

    public static void save(Recommender model, ModelManifest manifest, Path dir) throws IOException {
        if (!manifest.type().equals(model.type())) {
            throw new IllegalArgumentException("manifest type " + manifest.type() + " for a " + model.type() + " model");
        }
        Files.createDirectories(dir);
        model.saveArrays(dir);
        ArrayFiles.writeLongs(dir.resolve(ITEM_IDS), model.items().ids());
        try {
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        } catch (JacksonException e) {
            throw new IOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getOriginalMessage(), e);
        }
    }

    public static ModelManifest readManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new InvalidModelException(dir + " is not a saved model: " + MANIFEST + " is missing");
        }
        ModelManifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), ModelManifest.class);
        } catch (JacksonException e) {
            throw new InvalidModelException(file + " is not a model manifest: " + e.getOriginalMessage(), e);
        }
        if (manifest == null || manifest.type() == null) {
            throw new InvalidModelException(file + " is not a model manifest: it names no model type");
        }
        if (!ModelManifest.FORMAT.equals(manifest.format())) {
            throw new InvalidModelException(file + " has format '" + manifest.format() + "', expected '"
                    + ModelManifest.FORMAT + "'");
        }
        if (manifest.formatVersion() != ModelManifest.FORMAT_VERSION) {
            throw new InvalidModelException(file + " has format version " + manifest.formatVersion()
                    + ", this software reads version " + ModelManifest.FORMAT_VERSION);
        }
        if (!LOADERS.containsKey(manifest.type())) {
            throw new InvalidModelException(file + " has model type '" + manifest.type() + "', expected one of "
                    + knownTypes());
        }
        return manifest;
    }

    public static Recommender load(Path dir) {
        ModelManifest manifest = readManifest(dir);
        try {
            IdIndex items = IdIndex.fromSorted(ArrayFiles.readLongs(dir.resolve(ITEM_IDS)));
            return LOADERS.get(manifest.type()).load(dir, manifest, items);
        } catch (NoSuchFileException e) {
            throw new InvalidModelException(dir + " is missing " + e.getFile(), e);
        } catch (IOException e) {
            throw new InvalidModelException("cannot read the model in " + dir + ": " + e, e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InvalidModelException(dir + " holds an inconsistent model: " + e.getMessage(), e);
        }
    }
}
