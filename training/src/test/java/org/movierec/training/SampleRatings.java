package org.movierec.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;

/**
 * The ratings of the first 60 users of the bundled ml-latest-small and the movies they rated, loaded into a test
 * database (its tables emptied first): what the training tests that run the whole command train on.
 */
final class SampleRatings {

    private static final Path SAMPLE = Path.of("..", "data", "sample", "ml-latest-small");

    private SampleRatings() {
    }

    /** Migrates the database at {@code dbUrl}, replaces its ratings and movies, and answers the number of ratings. */
    static int load(String dbUrl) throws IOException, SQLException {
        Flyway.configure().dataSource(dbUrl, "movies", "movies").locations("classpath:db/migration").load().migrate();
        List<String[]> ratings = Files.readAllLines(SAMPLE.resolve("ratings.csv")).stream().skip(1)
                .map(line -> line.split(",")).filter(f -> Integer.parseInt(f[0]) <= 60).toList();
        Set<String> rated = ratings.stream().map(f -> f[1]).collect(Collectors.toCollection(HashSet::new));
        try (Connection db = DriverManager.getConnection(dbUrl, "movies", "movies")) {
            try (Statement clear = db.createStatement()) {
                clear.execute("truncate ratings, movies, tags, movie_links");
            }
            try (PreparedStatement insert = db.prepareStatement("insert into movies (movie_id, title, title_key, genres)"
                    + " values (?, ?, ?, string_to_array(?, '|'))")) {
                for (String line : Files.readAllLines(SAMPLE.resolve("movies.csv")).subList(1, 9743)) {
                    String movieId = line.substring(0, line.indexOf(','));
                    if (rated.contains(movieId)) {
                        insert.setInt(1, Integer.parseInt(movieId));
                        insert.setString(2, "movie " + movieId);
                        insert.setString(3, "movie " + movieId);
                        insert.setString(4, line.substring(line.lastIndexOf(',') + 1));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into ratings (user_id, movie_id, rating, rated_at)"
                    + " values (?, ?, ?, to_timestamp(?))")) {
                for (String[] f : ratings) {
                    insert.setLong(1, Long.parseLong(f[0]));
                    insert.setInt(2, Integer.parseInt(f[1]));
                    insert.setFloat(3, Float.parseFloat(f[2]));
                    insert.setLong(4, Long.parseLong(f[3]));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return ratings.size();
    }
}
