package org.movierec.serving.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.movierec.mlflow.MlflowArtifacts;
import org.movierec.mlflow.MlflowException;
import org.movierec.mlflow.MlflowRegistry;
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
 * Keeps {@link CurrentModel} on the version the registry's alias names. Once the application is ready it loads
 * the cached version (if any), then asks the registry at once and every poll interval on a background thread, so
 * start-up never waits for MLflow. A new version is downloaded into a fresh cache folder, loaded, and swapped in;
 * one that cannot be loaded is refused, logged and not tried again until the alias moves. A version the poll loads
 * is announced to the other serving instances ({@link ModelAnnouncer}), which ask the registry at once.
 */
@Component
class ModelUpdater {

    private static final Logger log = LoggerFactory.getLogger(ModelUpdater.class);

    private final ModelProperties properties;
    private final CurrentModel current;
    private final ApplicationEventPublisher events;
    private final MlflowRegistry registry;
    private final MlflowArtifacts artifacts;
    private final ModelCache cache;
    private final ModelAnnouncer announcer;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "model-poller");
        thread.setDaemon(true);
        return thread;
    });
    private Integer refused;
    private String refusedReason;

    ModelUpdater(ModelProperties properties, CurrentModel current, ApplicationEventPublisher events,
            ModelAnnouncer announcer) {
        this.properties = properties;
        this.current = current;
        this.events = events;
        this.announcer = announcer;
        this.registry = new MlflowRegistry(properties.trackingUri());
        this.artifacts = new MlflowArtifacts(properties.trackingUri());
        this.cache = new ModelCache(properties.cacheDir(), properties.name());
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

    /** Loads the version cached by an earlier run, unless a model is already served. */
    synchronized void loadCached() {
        if (current.get().isPresent()) {
            return;
        }
        try {
            Optional<ModelCache.Cached> cached = cache.current();
            if (cached.isEmpty() || !properties.name().equals(cached.get().name())) {
                return;
            }
            ModelCache.Cached version = cached.get();
            swapIn(ModelFolders.load(version.folder(), version.name(), version.version(), version.runId()));
            log.info("Loaded {} version {} from the cache {}", version.name(), version.version(), version.folder());
        } catch (IOException | RuntimeException e) {
            log.warn("The cached model in {} cannot be loaded: {}", properties.cacheDir(), e.getMessage());
        }
    }

    private void scheduledPoll() {
        try {
            PollResult result = poll();
            if (result.outcome() == Outcome.LOADED) {
                announcer.announce(ModelAnnouncer.Kind.SWAPPED);   // the other instances need not wait for their poll
            }
            if (result.outcome() == Outcome.LOADED || result.outcome() == Outcome.REFUSED) {
                return;   // logged already
            }
            log.debug("Model poll: {}", result.message());
        } catch (RuntimeException e) {
            log.warn("Model poll failed: {}", e.toString());
        }
    }

    /**
     * A forced reload: asks the registry now, then has the data that goes with the model (the catalogue) read again,
     * unless a read began since (the swap of a newly loaded version reads it).
     */
    PollResult reload() {
        Instant asked = Instant.now();
        PollResult result = poll();
        events.publishEvent(ModelSwappedEvent.reread(current.get().orElse(null), asked));
        return result;
    }

    /** Asks the registry where the alias points and swaps to that version when it is new and loads. */
    synchronized PollResult poll() {
        String name = properties.name();
        String alias = properties.alias();
        Optional<ModelVersion> named;
        try {
            named = registry.getModelVersionByAlias(name, alias);
        } catch (RuntimeException e) {
            log.warn("The MLflow registry at {} cannot be asked for {}@{}: {}", properties.trackingUri(), name, alias,
                    e.getMessage());
            return new PollResult(Outcome.UNREACHABLE, null, "The MLflow registry at " + properties.trackingUri()
                    + " cannot be asked for " + name + "@" + alias + ": " + e.getMessage() + servedNote());
        }
        if (named.isEmpty()) {
            return new PollResult(Outcome.NO_VERSION, null, "The registry has no version of '" + name
                    + "' under the alias '" + alias + "'" + servedNote());
        }
        ModelVersion version = named.get();
        if (current.get().filter(model -> model.version() == version.version()).isPresent()) {
            return new PollResult(Outcome.UNCHANGED, version.version(), "Version " + version.version()
                    + " of '" + name + "' is already served");
        }
        if (Integer.valueOf(version.version()).equals(refused)) {
            return new PollResult(Outcome.REFUSED, version.version(), "Version " + version.version()
                    + " was refused earlier (" + refusedReason + ")" + servedNote());
        }
        return download(version);
    }

    private PollResult download(ModelVersion version) {
        Path folder = null;
        try {
            folder = cache.newFolder(version.name(), version.version(), version.runId());
            artifacts.downloadDirectory(version.source(), folder.resolve(ModelCache.MODEL));
            downloadEvaluation(version.source(), folder.resolve(ModelCache.EVALUATION));
            LoadedModel loaded = ModelFolders.load(folder, version.name(), version.version(), version.runId());
            cache.markCurrent(folder);
            swapIn(loaded);
            log.info("Serving {} version {} (run {}, {})", loaded.name(), loaded.version(), loaded.runId(),
                    loaded.recommender().type());
            return new PollResult(Outcome.LOADED, version.version(), "Loaded version " + version.version() + " of '"
                    + version.name() + "'");
        } catch (MlflowException e) {
            ModelCache.delete(folder);
            if (e.status() == 404) {
                return refuse(version, e.getMessage());
            }
            log.warn("Version {} of {} cannot be downloaded: {}", version.version(), version.name(), e.getMessage());
            return new PollResult(Outcome.UNREACHABLE, version.version(), "Version " + version.version()
                    + " cannot be downloaded: " + e.getMessage() + servedNote());
        } catch (IOException e) {
            ModelCache.delete(folder);
            log.warn("Version {} of {} cannot be stored in {}: {}", version.version(), version.name(),
                    properties.cacheDir(), e.toString());
            return new PollResult(Outcome.UNREACHABLE, version.version(), "Version " + version.version()
                    + " cannot be stored in the cache: " + e + servedNote());
        } catch (RuntimeException e) {
            ModelCache.delete(folder);
            return refuse(version, e.getMessage());
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

    private PollResult refuse(ModelVersion version, String reason) {
        refused = version.version();
        refusedReason = reason;
        log.error("Refused version {} of {} ({}): {}; {}", version.version(), version.name(), version.source(),
                reason, served());
        return new PollResult(Outcome.REFUSED, version.version(), "Version " + version.version()
                + " was refused: " + reason + servedNote());
    }

    private void swapIn(LoadedModel loaded) {
        current.set(loaded);
        refused = null;
        events.publishEvent(new ModelSwappedEvent(loaded));
    }

    private String servedNote() {
        return "; " + served();
    }

    private String served() {
        return current.get().map(model -> "serving version " + model.version())
                .orElse("no model is loaded (cold start)");
    }
}
