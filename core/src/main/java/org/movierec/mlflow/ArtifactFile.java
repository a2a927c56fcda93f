package org.movierec.mlflow;

/**
 * One entry of an artifact directory listing.
 *
 * @param name      the entry's name inside the listed directory (no slashes)
 * @param directory whether the entry is a directory
 * @param size      the file's size in bytes; 0 for a directory
 */
public record ArtifactFile(String name, boolean directory, long size) {
}
