package org.movierec.serving.model;

/**
 * What one look at the registry did.
 *
 * @param outcome what happened
 * @param version the version the alias names (or the cached one loaded); null when there is none
 * @param message a sentence saying what happened
 */
record PollResult(Outcome outcome, Integer version, String message) {

    enum Outcome {
        /** A new version was downloaded, loaded and swapped in. */
        LOADED,
        /** The alias names the version already served. */
        UNCHANGED,
        /** The registry has no version under the alias (or no such model). */
        NO_VERSION,
        /** The version the alias names cannot be loaded; the current model is kept. */
        REFUSED,
        /** The registry or its artifacts could not be reached; the current model is kept. */
        UNREACHABLE
    }
}
