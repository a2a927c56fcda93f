package org.movierec.serving.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.movierec.serving.rating.RatingStats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table (and the rows that go with a user when they are deleted). */
@Repository
class UserRepository {

    static final String PLATFORM = "platform";

    private static final String COLUMNS = "user_id, origin, name, email, created_at, gender, age, occupation";

    private final JdbcClient jdbc;
    private final RatingStats ratingStats;

    UserRepository(JdbcClient jdbc, RatingStats ratingStats) {
        this.jdbc = jdbc;
        this.ratingStats = ratingStats;
    }

    /** Inserts a platform user with an id from {@code platform_user_id_seq}; a taken e-mail throws DuplicateKeyException. */
    UserResponse insert(String name, String email, String passwordHash) {
        return jdbc.sql("""
                        insert into users (user_id, origin, name, email, password_hash, created_at)
                        values (nextval('platform_user_id_seq'), :origin, :name, :email, :hash, now())
                        returning\s""" + COLUMNS)
                .param("origin", PLATFORM).param("name", name).param("email", email).param("hash", passwordHash)
                .query(UserRepository::user).single();
    }

    Optional<UserResponse> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from users where user_id = :id")
                .param("id", id).query(UserRepository::user).optional();
    }

    List<UserResponse> page(int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from users order by user_id limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size).query(UserRepository::user).list();
    }

    long count() {
        return jdbc.sql("select count(*) from users").query(Long.class).single();
    }

    /** Changes the fields given (nulls keep the current value); a taken e-mail throws DuplicateKeyException. */
    UserResponse update(long id, String name, String email, String passwordHash) {
        return jdbc.sql("""
                        update users set name = coalesce(:name, name), email = coalesce(:email, email),
                               password_hash = coalesce(:hash, password_hash)
                         where user_id = :id
                        returning\s""" + COLUMNS)
                .param("id", id).param("name", name).param("email", email).param("hash", passwordHash)
                .query(UserRepository::user).single();
    }

    /** Deletes the user with their ratings (out of the movies' figures too) and tags; false when there was no such user. */
    boolean delete(long id) {
        ratingStats.deleteRatingsOf(id);
        jdbc.sql("delete from tags where user_id = :id").param("id", id).update();
        return jdbc.sql("delete from users where user_id = :id").param("id", id).update() > 0;
    }

    private static UserResponse user(ResultSet rs, int row) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        Integer age = rs.getObject("age") == null ? null : rs.getInt("age");
        return new UserResponse(rs.getLong("user_id"), rs.getString("origin"), rs.getString("name"),
                rs.getString("email"), created == null ? null : created.toInstant(), rs.getString("gender"),
                age, rs.getString("occupation"));
    }
}
