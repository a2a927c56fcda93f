package org.movierec.training.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.movierec.model.ContentIndex;
import org.movierec.model.IdIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link ContentIndex} from the loaded tables: the MovieLens genres, the users' tags
 * (lower-cased, counted per movie), and through {@code movie_links} the IMDb director(s) and principal
 * people of each movie. Weights are {@code (1 + ln tf) * ln(N / df)} over the N movies with any feature,
 * L2-normalised per movie; a feature that only one movie has cannot make two movies similar and is left out.
 */
public final class ContentIndexBuilder {

    private static final Logger log = LoggerFactory.getLogger(ContentIndexBuilder.class);

    private static final String FEATURES_SQL = """
            select movie_id, feature, sum(n)::int from (
                select movie_id, 'genre:' || g as feature, 1 as n
                  from movies, unnest(genres) g where g <> '(no genres listed)'
                union all
                select movie_id, 'tag:' || t, 1
                  from (select movie_id, lower(btrim(regexp_replace(tag, '[[:cntrl:]]+', ' ', 'g'))) as t from tags) c
                 where t <> ''
                union all
                select distinct l.movie_id, 'director:' || c.nconst, 1
                  from movie_links l join imdb_crew c on c.tconst = l.imdb_id where c.role = 'director'
                union all
                select distinct l.movie_id, 'person:' || p.nconst, 1
                  from movie_links l join imdb_principals p on p.tconst = l.imdb_id where p.category <> 'director'
            ) f
            where movie_id in (select movie_id from movies)
            group by movie_id, feature
            order by movie_id, feature
            """;

    private final DataSource dataSource;

    public ContentIndexBuilder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ContentIndex build() throws SQLException {
        long started = System.nanoTime();
        List<Long> movies = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        Map<String, Integer> featureIds = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(FEATURES_SQL)) {
                select.setFetchSize(50_000);
                try (ResultSet rs = select.executeQuery()) {
                    List<int[]> current = new ArrayList<>();
                    long movie = Long.MIN_VALUE;
                    while (rs.next()) {
                        if (rs.getLong(1) != movie) {
                            flush(movie, current, movies, rows);
                            movie = rs.getLong(1);
                        }
                        int id = featureIds.computeIfAbsent(rs.getString(2), name -> {
                            names.add(name);
                            return names.size() - 1;
                        });
                        current.add(new int[] {id, rs.getInt(3)});
                    }
                    flush(movie, current, movies, rows);
                }
            } finally {
                connection.rollback();
            }
        }
        ContentIndex index = weigh(movies, rows, names);
        log.info("Content index: {} movies, {} features kept of {}, built in {} ms", index.items().size(),
                index.featureCount(), names.size(), (System.nanoTime() - started) / 1_000_000);
        return index;
    }

    private static void flush(long movie, List<int[]> current, List<Long> movies, List<int[]> rows) {
        if (current.isEmpty()) {
            return;
        }
        int[] row = new int[current.size() * 2];
        for (int k = 0; k < current.size(); k++) {
            row[2 * k] = current.get(k)[0];
            row[2 * k + 1] = current.get(k)[1];
        }
        movies.add(movie);
        rows.add(row);
        current.clear();
    }

    /** TF-IDF weights from (feature, count) pairs per movie; rows arrive in ascending movie order. */
    static ContentIndex weigh(List<Long> movies, List<int[]> rows, List<String> names) {
        int[] df = new int[names.size()];
        for (int[] row : rows) {
            for (int k = 0; k < row.length; k += 2) {
                df[row[k]]++;
            }
        }
        int[] kept = new int[names.size()];
        List<String> keptNames = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            kept[f] = df[f] >= 2 ? keptNames.size() : -1;
            if (kept[f] >= 0) {
                keptNames.add(names.get(f));
            }
        }
        double n = movies.size();
        List<Long> keptMovies = new ArrayList<>();
        List<Integer> starts = new ArrayList<>(List.of(0));
        List<Integer> features = new ArrayList<>();
        List<Float> weights = new ArrayList<>();
        for (int m = 0; m < movies.size(); m++) {
            int[] row = rows.get(m);
            double[] w = new double[row.length / 2];
            double norm = 0;
            for (int k = 0; k < w.length; k++) {
                int f = row[2 * k];
                w[k] = kept[f] < 0 ? 0 : (1 + Math.log(row[2 * k + 1])) * Math.log(n / df[f]);
                norm += w[k] * w[k];
            }
            if (norm == 0) {
                continue;
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < w.length; k++) {
                if (w[k] > 0) {
                    features.add(kept[row[2 * k]]);
                    weights.add((float) (w[k] / norm));
                }
            }
            keptMovies.add(movies.get(m));
            starts.add(features.size());
        }
        float[] weightArray = new float[weights.size()];
        for (int k = 0; k < weightArray.length; k++) {
            weightArray[k] = weights.get(k);
        }
        return new ContentIndex(IdIndex.fromSorted(keptMovies.stream().mapToLong(Long::longValue).toArray()),
                starts.stream().mapToInt(Integer::intValue).toArray(),
                features.stream().mapToInt(Integer::intValue).toArray(), weightArray, keptNames);
    }
}
