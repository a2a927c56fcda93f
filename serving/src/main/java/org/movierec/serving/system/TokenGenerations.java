package org.movierec.serving.system;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each account's token generation (V11): a platform user's in {@code users.token_generation}, the administrator's in
 * {@code admin_token_generations}. Tokens and remembered password checks carry the generation they were made at and
 * stand for the account only while it is current. Ending an account's tokens adds one to it; a deleted user has none.
 * Read through a cache of {@code serving.token.revocation-check} (one indexed query per account and interval, not one
 * per request); the instance that ends tokens forgets its cached value when the transaction commits, the others read
 * the new one once their cached value is that old.
 */
@Component
public class TokenGenerations {

    /** The generation of an account that is gone: no token matches it. */
    private static final long GONE = -1;
    private static final int ACCOUNTS = 100_000;

    private final JdbcClient jdbc;
    private final Duration check;
    private final LoadingCache<Holder, Long> cached;

    TokenGenerations(JdbcClient jdbc, TokenProperties properties) {
        this.jdbc = jdbc;
        this.check = properties.revocationCheck();
        this.cached = Caffeine.newBuilder().maximumSize(ACCOUNTS).expireAfterWrite(check).build(this::read);
    }

    /** Whether the account's generation is still the one it was read at (false for a deleted user). */
    @RetriedRead
    boolean current(AccountPrincipal account) {
        Holder holder = Holder.of(account);
        long generation = check.isZero() ? read(holder) : cached.get(holder);
        return generation == account.generation();
    }

    /** The administrator's generation now, read from the database. */
    @RetriedRead
    long admin(String username) {
        return read(new Holder(null, username));
    }

    /** Ends every token of the account issued until now (a logout). */
    void endTokens(AccountPrincipal account) {
        if (account.isAdmin()) {
            jdbc.sql("""
                            insert into admin_token_generations as g (username, generation) values (:username, 1)
                            on conflict (username) do update set generation = g.generation + 1""")
                    .param("username", account.getUsername()).update();
            forgetOnCommit(Holder.of(account));
        } else {
            endTokensOf(account.userId());
        }
    }

    /**
     * Ends every token of the platform user issued until now, and every password check of theirs remembered (a
     * password or e-mail change); in the caller's transaction, if any. A user deleted has no generation: call this
     * after deleting them so that this instance forgets the one it cached.
     */
    public void endTokensOf(long userId) {
        jdbc.sql("update users set token_generation = coalesce(token_generation, 0) + 1 where user_id = :id")
                .param("id", userId).update();
        forgetOnCommit(new Holder(userId, null));
    }

    private void forgetOnCommit(Holder holder) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cached.invalidate(holder);
                }
            });
        } else {
            cached.invalidate(holder);
        }
    }

    private long read(Holder holder) {
        if (holder.userId() != null) {
            return jdbc.sql("""
                            select coalesce(token_generation, 0) from users
                             where user_id = :id and password_hash is not null""")
                    .param("id", holder.userId()).query(Long.class).optional().orElse(GONE);
        }
        return jdbc.sql("select generation from admin_token_generations where username = :username")
                .param("username", holder.admin()).query(Long.class).optional().orElse(0L);
    }

    /** A platform user by id, or the administrator by login name. */
    private record Holder(Long userId, String admin) {

        static Holder of(AccountPrincipal account) {
            return account.isAdmin() ? new Holder(null, account.getUsername()) : new Holder(account.userId(), null);
        }
    }
}
