package org.movierec.serving.model;

import java.time.Instant;

/**
 * Published after a version of the top-N ranker has been swapped in (the catalogue and the item vectors follow the
 * ranker; a new rating predictor publishes nothing), or on a forced reload that found none to swap in.
 *
 * @param model  the ranker served from now on; null when none is
 * @param at     when it was published: data read after this already reflects it
 * @param reread whether the data that goes with the model (the catalogue) must be read again whatever its age: a
 *               forced reload asks for that
 */
public record ModelSwappedEvent(LoadedModel model, Instant at, boolean reread) {

    /** A version swapped in now. */
    public ModelSwappedEvent(LoadedModel model) {
        this(model, Instant.now(), false);
    }

    /** A forced reload asked for at {@code asked}: the data is read again unless a read began since. */
    static ModelSwappedEvent reread(LoadedModel model, Instant asked) {
        return new ModelSwappedEvent(model, asked, true);
    }
}
