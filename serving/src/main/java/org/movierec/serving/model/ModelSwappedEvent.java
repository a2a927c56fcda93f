package org.movierec.serving.model;

/** Published after a model version has been swapped in (or the catalogue should be re-read on a forced reload). */
public record ModelSwappedEvent(LoadedModel model) {
}
