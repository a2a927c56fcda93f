package org.movierec.serving.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * The HTTP Basic login (the one {@link AuthenticationProvider}, so Spring Security uses it for every password): Spring
 * Security's own check of the password against its bcrypt hash ({@link DaoAuthenticationProvider} over
 * {@link AccountDetailsService}), limited by {@link LoginThrottle}, and remembered for {@code serving.login
 * .remembered-for} once it passed, so a client sending its password with every call pays bcrypt once in that time. A
 * remembered check is keyed on an HMAC-SHA256 of the login name and password under a key made on start (the password
 * itself is not kept), and stands only while the account's token generation is unchanged: a password or e-mail
 * change, a logout or a deletion, on any instance, ends it ({@link TokenGenerations}).
 */
@Component
class PasswordLogins implements AuthenticationProvider {

    private static final long REMEMBERED = 100_000;
    private static final String HMAC = "HmacSHA256";

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final TokenGenerations generations;
    private final Cache<String, AccountPrincipal> passed;
    private final SecretKeySpec key;

    PasswordLogins(PlatformAccounts accounts, AdminProperties admin, PasswordEncoder encoder, LoginThrottle throttle,
            TokenGenerations generations, LoginProperties properties) {
        this.passwords = new DaoAuthenticationProvider(new AccountDetailsService(accounts, admin, encoder, generations));
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.generations = generations;
        this.passed = Caffeine.newBuilder().maximumSize(REMEMBERED).expireAfterWrite(properties.rememberedFor())
                .build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, HMAC);
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String fingerprint = fingerprint(login.getName(), String.valueOf(login.getCredentials()));
        AccountPrincipal remembered = passed.getIfPresent(fingerprint);
        if (remembered != null) {
            if (generations.current(remembered)) {
                return UsernamePasswordAuthenticationToken.authenticated(remembered, null,
                        List.copyOf(remembered.getAuthorities()));
            }
            passed.invalidate(fingerprint);
        }
        String address = login.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null ? details.getRemoteAddress() : "unknown";
        LoginThrottle.Attempt attempt = throttle.begin(login.getName(), address);
        Authentication result = passwords.authenticate(login);   // a wrong password throws: the attempt counts
        attempt.passed();
        passed.put(fingerprint, (AccountPrincipal) result.getPrincipal());
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
