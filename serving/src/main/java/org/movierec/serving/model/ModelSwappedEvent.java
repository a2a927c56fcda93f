package org.movierec.serving.model;

import java.time.Instant;

/**
 * Published after a model version has been swapped in (or the catalogue should be re-read on a forced reload).
 *
 * @param model the model served from now on; null when none is
 * @param at    when it was published: data read after this already reflects it
 */
public record ModelSwappedEvent(LoadedModel model, Instant at) {

    public ModelSwappedEvent(LoadedModel model) {
        this(model, Instant.now());
    }
}
