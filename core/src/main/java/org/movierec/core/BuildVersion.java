package org.movierec.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What {@code --version} prints: the jar's name, the project version from its manifest and, when the jar holds
 * a {@code git.properties} (git-commit-id-maven-plugin), the commit it was built from. Plain Java: it is read
 * before Spring starts.
 */
public final class BuildVersion {

    private BuildVersion() {
    }

    /** For example {@code training.jar 0.1.0-SNAPSHOT (commit 3e43267)}; "unpackaged" outside a jar. */
    public static String describe(String jar, Class<?> application) {
        String version = application.getPackage().getImplementationVersion();
        StringBuilder text = new StringBuilder(jar).append(' ').append(version != null ? version : "unpackaged");
        Properties git = gitProperties(application);
        String commit = git.getProperty("git.commit.id.abbrev");
        if (commit != null) {
            text.append(" (commit ").append(commit)
                    .append("true".equals(git.getProperty("git.dirty")) ? ", with uncommitted changes)" : ")");
        }
        return text.toString();
    }

    private static Properties gitProperties(Class<?> application) {
        Properties properties = new Properties();
        try (InputStream in = application.getClassLoader().getResourceAsStream("git.properties")) {
            if (in != null) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
