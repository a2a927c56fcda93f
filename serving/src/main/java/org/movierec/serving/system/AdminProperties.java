package org.movierec.serving.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The administrator's credentials ({@code serving.admin.*}), taken from the environment and never
 * committed: with no username or no password there is no administrator.
 *
 * @param username the administrator's login name ({@code SERVING_ADMIN_USERNAME})
 * @param password the administrator's password in clear ({@code SERVING_ADMIN_PASSWORD}), hashed on start
 */
@ConfigurationProperties("serving.admin")
record AdminProperties(String username, String password) {

    boolean configured() {
        return username != null && !username.isBlank() && password != null && !password.isEmpty();
    }
}
