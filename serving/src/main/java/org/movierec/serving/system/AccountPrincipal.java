package org.movierec.serving.system;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who is calling: a platform user (with their user id) or the administrator (no user id), with the account's token
 * generation as it was read ({@link TokenGenerations}): a token or a remembered password check of an older generation
 * no longer stands for the account.
 */
final class AccountPrincipal implements UserDetails {

    static final String ADMIN = "ADMIN";
    static final String USER = "USER";

    private final Long userId;
    private final String username;
    private final String passwordHash;
    private final long generation;
    private final List<GrantedAuthority> authorities;

    private AccountPrincipal(Long userId, String username, String passwordHash, long generation, String role) {
        this.userId = userId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.generation = generation;
        this.authorities = List.of(new SimpleGrantedAuthority("ROLE_" + role));
    }

    static AccountPrincipal user(long userId, String email, String passwordHash, long generation) {
        return new AccountPrincipal(userId, email, passwordHash, generation, USER);
    }

    static AccountPrincipal admin(String username, String passwordHash, long generation) {
        return new AccountPrincipal(null, username, passwordHash, generation, ADMIN);
    }

    /** The platform user's id; null for the administrator. */
    Long userId() {
        return userId;
    }

    /** The account's token generation when it was read. */
    long generation() {
        return generation;
    }

    boolean isAdmin() {
        return userId == null;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
