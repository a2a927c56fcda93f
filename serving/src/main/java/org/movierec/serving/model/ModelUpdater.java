package org.movierec.serving.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowException;
import org.movierec.mlflow.MlflowRegistry;
import org.movierec.mlflow.ModelRole;
import org.movierec.mlflow.ModelVersion;
import org.movierec.serving.model.PollResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Keeps {@link CurrentModel} on the versions the registry's aliases name, one per {@link ModelRole} (the ranker's
 * {@code serving.model.alias}, the predictor's {@code serving.model.predictor-alias}). Once the application is
 * ready it loads the cached versions (if any), then asks the registry at once and every poll interval on a
 * background thread, so start-up never waits for MLflow. A new version is downloaded into a fresh cache folder
 * (one cache per role), loaded, and swapped in; a version the other role already serves is shared, not loaded
 * twice; one that cannot be loaded is refused, logged and not tried again until the alias moves. A version the
 * poll loads is announced to the other serving instances ({@link ModelAnnouncer}), which ask the registry at once.
 * A registry that cannot be reached is logged once, and once again when it answers ({@link RegistryOutage}).
 */
@Component
class ModelUpdater {

    private static final Logger log = LoggerFactory.getLogger(ModelUpdater.class);

    private final ModelProperties properties;
    private final CurrentModel current;
    private final ApplicationEventPublisher events;
    private final MlflowRegistry registry;
    private final MlflowArtifacts artifacts;
    private final Map<ModelRole, ModelCache> caches = new EnumMap<>(ModelRole.class);
    private final ModelAnnouncer announcer;
    private final RegistryOutage outage;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-poller");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<ModelRole, Integer> refused = new EnumMap<>(ModelRole.class);
    private final Map<ModelRole, String> refusedReasons = new EnumMap<>(ModelRole.class);

    ModelUpdater(ModelProperties properties, CurrentModel current, ApplicationEventPublisher events,
            ModelAnnouncer announcer) {
        this.properties = properties;
        this.current = current;
        this.events = events;
        this.announcer = announcer;
        this.registry = new MlflowRegistry(properties.trackingUri(), properties.trackingCredentials());
        this.artifacts = new MlflowArtifacts(properties.trackingUri(), properties.trackingCredentials());
        this.outage = new RegistryOutage(properties.trackingUri());
        // the ranker's cache where it always was; the predictor's under a folder named after its alias
        caches.put(ModelRole.RANKER, new ModelCache(properties.cacheDir(), properties.name()));
        caches.put(ModelRole.PREDICTOR, new ModelCache(properties.cacheDir().resolve(properties.predictorAlias()),
                properties.name()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Duration every = properties.pollInterval();
        scheduler.execute(this::loadCached);
        scheduler.scheduleWithFixedDelay(this::scheduledPoll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Loads the versions cached by an earlier run, for each role no model is served in yet. */
    synchronized void loadCached() {
        for (ModelRole role : ModelRole.values()) {
            if (current.get(role).isPresent()) {
                continue;
            }
            try {
                Optional<ModelCache.Cached> cached = caches.get(role).current();
                if (cached.isEmpty() || !properties.name().equals(cached.get().name())) {
                    continue;
                }
                ModelCache.Cached version = cached.get();
                Optional<LoadedModel> shared = shared(role, version.version());
                swapIn(role, shared.isPresent() ? shared.get()
                        : ModelFolders.load(version.folder(), version.name(), version.version(), version.runId(),
                        version.experimentId()));
                log.info("Loaded {} version {} as the {} from the cache {}", version.name(), version.version(), role,
                        version.folder());
            } catch (ModelCache.TornCacheException e) {
                log.warn("The cached {} is refused, and fetched from the registry again: {}", role, e.getMessage());
                try {
                    caches.get(role).discard(e.folder());
                } catch (IOException second) {
                    log.warn("The refused cache folder {} cannot be deleted: {}", e.folder(), second.toString());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("The cached {} in {} cannot be loaded: {}", role, properties.cacheDir(), e.getMessage());
            }
        }
    }

    private void scheduledPoll() {
        try {
            Map<ModelRole, PollResult> results = poll();
            if (results.values().stream().anyMatch(result -> result.outcome() == Outcome.LOADED)) {
                announcer.announce(ModelAnnouncer.Kind.SWAPPED);   // the other instances need not wait for their poll
            }
            results.forEach((role, result) -> {
                if (result.outcome() != Outcome.LOADED && result.outcome() != Outcome.REFUSED) {   // logged already
                    log.debug("Model poll ({}): {}", role, result.message());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Model poll failed: {}", e.toString());
        } catch (Error e) {
            // logged, and the polls go on: an Error escaping a scheduled task would end its schedule without a word
            // (a version too large for the heap beside the one served: OutOfMemoryError); the version served stays
            log.error("Model poll failed: {}", e.toString(), e);
        }
    }

    /**
     * A forced reload: asks the registry now, then has the data that goes with the model (the catalogue) read again,
     * unless a read began since (the swap of a newly loaded version reads it).
     */
    Map<ModelRole, PollResult> reload() {
        Instant asked = Instant.now();
        Map<ModelRole, PollResult> results = poll();
        events.publishEvent(ModelSwappedEvent.reread(current.get().orElse(null), asked));
        return results;
    }

    /**
     * Asks the registry where the roles' aliases point, with one request for all of them, and for each role swaps to
     * that version when it is new and loads; a version's details are asked for only then.
     */
    synchronized Map<ModelRole, PollResult> poll() {
        Map<ModelRole, PollResult> results = new EnumMap<>(ModelRole.class);
        Map<String, Integer> aliases;
        try {
            aliases = registry.getAliases(properties.name()).orElse(Map.of());
            outage.answered();
        } catch (RuntimeException e) {
            for (ModelRole role : ModelRole.values()) {
                results.put(role, unreachable(role, e));
            }
            return results;
        }
        for (ModelRole role : ModelRole.values()) {
            results.put(role, poll(role, aliases.get(properties.alias(role))));
        }
        return results;
    }

    /** @param named the version the role's alias names; null when none */
    private PollResult poll(ModelRole role, Integer named) {
        String name = properties.name();
        String alias = properties.alias(role);
        if (named == null) {
            if (current.get(role).isPresent() && current.aliasRemoved(role, Instant.now())) {
                log.warn("The registry has no version of {} under the alias {} any more; {} until the alias names one "
                        + "again (GET /api/model says aliasRemovedAt)", name, alias, served(role));
            }
            return new PollResult(Outcome.NO_VERSION, null, "The registry has no version of '" + name
                    + "' under the alias '" + alias + "'" + servedNote(role));
        }
        if (current.aliasPresent(role)) {
            log.info("The alias {} of {} names version {} again", alias, name, named);
        }
        if (current.get(role).filter(model -> model.version() == named).isPresent()) {
            return new PollResult(Outcome.UNCHANGED, named, "Version " + named + " of '" + name
                    + "' is already served as the " + role);
        }
        if (named.equals(refused.get(role))) {
            return new PollResult(Outcome.REFUSED, named, "Version " + named + " was refused earlier ("
                    + refusedReasons.get(role) + ")" + servedNote(role));
        }
        ModelVersion version;
        try {
            version = registry.getModelVersion(name, named);
        } catch (RuntimeException e) {
            return unreachable(role, e);
        }
        Optional<LoadedModel> shared = shared(role, version.version());
        if (shared.isPresent()) {
            cacheShared(role, version);
            swapIn(role, shared.get());
            log.info("Serving {} version {} as the {} too", version.name(), version.version(), role);
            return new PollResult(Outcome.LOADED, version.version(), "Loaded version " + version.version() + " of '"
                    + version.name() + "' as the " + role + " (already loaded for another role)");
        }
        return download(role, version);
    }

    private PollResult unreachable(ModelRole role, RuntimeException e) {
        String asked = properties.name() + "@" + properties.alias(role);
        outage.unreachable(asked, e.getMessage(), served(role));
        return new PollResult(Outcome.UNREACHABLE, null, "The MLflow registry at " + properties.trackingUri()
                + " cannot be asked for " + asked + ": " + e.getMessage() + servedNote(role));
    }

    /** The version as another role already serves it, so that one version is in memory once. */
    private Optional<LoadedModel> shared(ModelRole role, int version) {
        for (ModelRole other : ModelRole.values()) {
            Optional<LoadedModel> model = current.get(other).filter(loaded -> loaded.version() == version);
            if (other != role && model.isPresent()) {
                return model;
            }
        }
        return Optional.empty();
    }

    /**
     * Writes the role's cache for a version another role already serves, from that role's cached folder, so that a
     * restart with the registry down loads both roles; a cache that cannot be written only costs that.
     */
    private void cacheShared(ModelRole role, ModelVersion version) {
        for (ModelRole other : ModelRole.values()) {
            try {
                Optional<ModelCache.Cached> cached = other == role ? Optional.empty() : caches.get(other).current();
                if (cached.isPresent() && cached.get().version() == version.version()
                        && version.name().equals(cached.get().name())) {
                    caches.get(role).markCurrent(caches.get(role).copyOf(cached.get()));
                    return;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Version {} of {} cannot be cached for the {}: {}", version.version(), version.name(), role,
                        e.toString());
                return;
            }
        }
    }

    private PollResult download(ModelRole role, ModelVersion version) {
        ModelCache cache = caches.get(role);
        Path folder = null;
        try {
            String experimentId = LoadedModel.experimentOf(version.source());
            folder = cache.newFolder(version.name(), version.version(), version.runId(), experimentId);
            artifacts.downloadDirectory(version.source(), folder.resolve(ModelCache.MODEL));
            downloadEvaluation(version.source(), folder.resolve(ModelCache.EVALUATION));
            LoadedModel loaded = ModelFolders.load(folder, version.name(), version.version(), version.runId(),
                    experimentId);
            cache.markCurrent(folder);
            swapIn(role, loaded);
            log.info("Serving {} version {} as the {} (run {}, {})", loaded.name(), loaded.version(), role,
                    loaded.runId(), loaded.recommender().type());
            return new PollResult(Outcome.LOADED, version.version(), "Loaded version " + version.version() + " of '"
                    + version.name() + "' as the " + role);
        } catch (MlflowException e) {
            ModelCache.delete(folder);
            if (e.status() == 404) {
                return refuse(role, version, e.getMessage());
            }
            log.warn("Version {} of {} cannot be downloaded: {}", version.version(), version.name(), e.getMessage());
            return new PollResult(Outcome.UNREACHABLE, version.version(), "Version " + version.version()
                    + " cannot be downloaded: " + e.getMessage() + servedNote(role));
        } catch (IOException e) {
            ModelCache.delete(folder);
            log.warn("Version {} of {} cannot be stored in {}: {}", version.version(), version.name(),
                    properties.cacheDir(), e.toString());
            return new PollResult(Outcome.UNREACHABLE, version.version(), "Version " + version.version()
                    + " cannot be stored in the cache: " + e + servedNote(role));
        } catch (RuntimeException e) {
            ModelCache.delete(folder);
            return refuse(role, version, e.getMessage());
        }
    }

    private void downloadEvaluation(String source, Path target) {
        int slash = source.lastIndexOf('/');
        if (slash <= 0) {
            return;
        }
        try {
            artifacts.downloadFile(MlflowArtifacts.resolve(source.substring(0, slash), ModelCache.EVALUATION), target);
        } catch (MlflowException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    private PollResult refuse(ModelRole role, ModelVersion version, String reason) {
        refused.put(role, version.version());
        refusedReasons.put(role, reason);
        log.error("Refused version {} of {} as the {} ({}): {}; {}", version.version(), version.name(), role,
                version.source(), reason, served(role));
        return new PollResult(Outcome.REFUSED, version.version(), "Version " + version.version()
                + " was refused: " + reason + servedNote(role));
    }

    /**
     * Serves {@code loaded} in {@code role}; a new ranker also has the catalogue aligned with it. A ranker's item
     * neighbours are computed first, on this (the poller's) thread, and swapped in with it: until they are ready,
     * requests get the version served before, whole; never a half-built table.
     */
    void swapIn(ModelRole role, LoadedModel loaded) {
        if (role == ModelRole.RANKER && loaded.neighbours() == null) {
            loaded = withNeighbours(loaded);
        }
        current.set(role, loaded);
        refused.remove(role);
        if (role == ModelRole.RANKER) {
            events.publishEvent(new ModelSwappedEvent(loaded));
        }
    }

    private LoadedModel withNeighbours(LoadedModel loaded) {
        long start = System.nanoTime();
        int threads = properties.neighbourThreadCount();
        Optional<ItemNeighbours> table = ItemNeighbours.of(loaded.recommender(), properties.neighbours(), threads);
        if (table.isEmpty()) {
            return loaded;
        }
        log.info("Computed the {} most similar items ({}) of each of the {} items of {} version {} in {} ms with {} "
                + "threads ({} MB)", table.get().kept(), table.get().measure(), loaded.recommender().items().size(),
                loaded.name(), loaded.version(), (System.nanoTime() - start) / 1_000_000, threads,
                table.get().bytes() / 1_000_000);
        return loaded.withNeighbours(table.get());
    }

    private String servedNote(ModelRole role) {
        return "; " + served(role);
    }

    private String served(ModelRole role) {
        return current.get(role).map(model -> "serving version " + model.version() + " as the " + role)
                .orElse(role == ModelRole.RANKER ? "no ranker is loaded (cold start)"
                        : "no predictor is loaded (predictions from the ranker if it predicts ratings, else damped means)");
    }
}
