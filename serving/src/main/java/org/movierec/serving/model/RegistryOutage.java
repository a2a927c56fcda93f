package org.movierec.serving.model;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that the MLflow registry cannot be reached once, at the first poll that finds it so, and once again at the
 * first poll it answers, instead of at every poll of every role in between (which go on, logged at DEBUG): an outage
 * costs two lines of the log, whatever the poll interval. Meanwhile the versions loaded go on serving.
 */
final class RegistryOutage {

    private static final Logger log = LoggerFactory.getLogger(RegistryOutage.class);

    private final String trackingUri;
    private Instant since;

    RegistryOutage(String trackingUri) {
        this.trackingUri = trackingUri;
    }

    /** A poll could not ask the registry: {@code asked} is what it asked for, {@code served} what goes on serving. */
    synchronized void unreachable(String asked, String error, String served) {
        if (since != null) {
            log.debug("The MLflow registry at {} still cannot be asked for {}: {}", trackingUri, asked, error);
            return;
        }
        since = Instant.now();
        log.warn("The MLflow registry at {} cannot be asked for {}: {}; {}. Polls go on; this is said again only when "
                + "it answers", trackingUri, asked, error, served);
    }

    /** A poll asked the registry and got an answer. */
    synchronized void answered() {
        if (since == null) {
            return;
        }
        log.info("The MLflow registry at {} answers again, after {} s without it", trackingUri,
                Duration.between(since, Instant.now()).toSeconds());
        since = null;
    }
}
