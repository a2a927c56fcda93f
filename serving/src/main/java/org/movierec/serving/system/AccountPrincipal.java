package org.movierec.serving.system;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Who is calling: a platform user (with their user id) or the administrator (no user id). */
final class AccountPrincipal implements UserDetails {

    static final String ADMIN = "ADMIN";
    static final String USER = "USER";

    private final Long userId;
    private final String username;
    private final String passwordHash;
    private final List<GrantedAuthority> authorities;

    private AccountPrincipal(Long userId, String username, String passwordHash, String role) {
        this.userId = userId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.authorities = List.of(new SimpleGrantedAuthority("ROLE_" + role));
    }

    static AccountPrincipal user(long userId, String email, String passwordHash) {
        return new AccountPrincipal(userId, email, passwordHash, USER);
    }

    static AccountPrincipal admin(String username, String passwordHash) {
        return new AccountPrincipal(null, username, passwordHash, ADMIN);
    }

    /** The platform user's id; null for the administrator. */
    Long userId() {
        return userId;
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
