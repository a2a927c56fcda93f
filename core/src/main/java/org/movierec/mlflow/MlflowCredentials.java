package org.movierec.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The login of an MLflow user, sent as HTTP Basic credentials to a tracking server that runs MLflow's basic-auth
 * app ({@code mlflow server --app-name basic-auth}). The MLflow convention names them
 * {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD}; {@link #NONE} sends no credentials, which
 * a server without authentication accepts.
 *
 * @param username the MLflow user; null for {@link #NONE}
 * @param password its password; null for {@link #NONE}
 */
public record MlflowCredentials(String username, String password) {

    public static final String USERNAME_VARIABLE = "MLFLOW_TRACKING_USERNAME";
    public static final String PASSWORD_VARIABLE = "MLFLOW_TRACKING_PASSWORD";

    /** No credentials. */
    public static final MlflowCredentials NONE = new MlflowCredentials(null, null);

    public MlflowCredentials {
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new IllegalArgumentException("MLflow credentials: set both " + USERNAME_VARIABLE + " and "
                    + PASSWORD_VARIABLE + ", or neither (" + (hasUser ? PASSWORD_VARIABLE : USERNAME_VARIABLE)
                    + " is empty)");
        }
        if (hasUser && username.contains(":")) {
            throw new IllegalArgumentException(USERNAME_VARIABLE + ": an HTTP Basic user name cannot contain ':'");
        }
        username = hasUser ? username.strip() : null;
        password = hasPassword ? password : null;
    }

    /** {@code username} and {@code password}, where blank or null values for both mean {@link #NONE}. */
    public static MlflowCredentials of(String username, String password) {
        return new MlflowCredentials(username, password);
    }

    /** From {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} of the process's environment. */
    public static MlflowCredentials fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** From {@code MLFLOW_TRACKING_USERNAME} and {@code MLFLOW_TRACKING_PASSWORD} of {@code environment}. */
    public static MlflowCredentials fromEnvironment(Map<String, String> environment) {
        return new MlflowCredentials(environment.get(USERNAME_VARIABLE), environment.get(PASSWORD_VARIABLE));
    }

    /** Whether there are credentials to send. */
    public boolean present() {
        return username != null;
    }

    /** The value of the {@code Authorization} header (RFC 7617, UTF-8), for a caller that makes its own request. */
    public String basicAuthorization() {
        if (!present()) {
            throw new IllegalStateException("no MLflow credentials");
        }
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Names the user, never the password. */
    @Override
    public String toString() {
        return present() ? "MlflowCredentials[username=" + username + ", password=***]" : "MlflowCredentials[none]";
    }
}
