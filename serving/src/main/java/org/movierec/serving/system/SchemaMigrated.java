package org.movierec.serving.system;

/**
 * Published when the schema migrations, which had to wait because PostgreSQL could not be reached on start, have run
 * ({@link SchemaMigrations}): what is read from the database on start is read then.
 */
public record SchemaMigrated() {
}
