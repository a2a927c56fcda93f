package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.movierec.model.IdIndex;
import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Top-N for a user: the model served scores the user's current ratings (read at request time, so a rating
 * written a moment ago counts), rated movies are left out, the filters applied and the best {@code n} kept.
 * Without ratings or without a model, the cold-start ranking answers. One query per request.
 */
@Service
class RecommendationService {

    /** The user's ratings; one row with a null movie when the user has none, no row when there is no such user. */
    private static final String RATINGS = """
            select r.movie_id, r.rating from users u left join ratings r on r.user_id = u.user_id
            where u.user_id = :id
            """;

    private final JdbcClient jdbc;
    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final Counter modelAnswers;
    private final Counter coldStartAnswers;

    RecommendationService(JdbcClient jdbc, CurrentModel current, CatalogueStore catalogues, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.current = current;
        this.catalogues = catalogues;
        this.modelAnswers = counter(meters, Recommendations.MODEL);
        this.coldStartAnswers = counter(meters, Recommendations.COLD_START);
    }

    private static Counter counter(MeterRegistry meters, String strategy) {
        return Counter.builder("movierec.recommendations").description("Top-N answers by strategy")
                .tag("strategy", strategy).register(meters);
    }

    Recommendations recommend(long userId, int n, Filters filters) {
        Rated rated = ratings(userId);
        Catalogue catalogue = catalogues.get();
        Optional<LoadedModel> model = current.get();
        if (model.isEmpty() || rated.movieIds().length == 0) {
            coldStartAnswers.increment();
            return new Recommendations(userId, Recommendations.COLD_START, null, null,
                    coldStart(catalogue, rated, n, filters));
        }
        modelAnswers.increment();
        LoadedModel loaded = model.get();
        return new Recommendations(userId, Recommendations.MODEL, loaded.name(), loaded.version(),
                scored(loaded.recommender(), catalogue, rated, n, filters));
    }

    private Rated ratings(long userId) {
        List<Object[]> rows = jdbc.sql(RATINGS).param("id", userId)
                .query((rs, row) -> new Object[] {rs.getObject(1), rs.getFloat(2)}).list();
        if (rows.isEmpty()) {
            throw new NotFoundException("No user with id " + userId);
        }
        long[] ids = new long[rows.size()];
        float[] ratings = new float[rows.size()];
        int count = 0;
        for (Object[] row : rows) {
            if (row[0] != null) {   // the one row of a user without ratings has a null movie
                ids[count] = ((Number) row[0]).longValue();
                ratings[count++] = (Float) row[1];
            }
        }
        return new Rated(Arrays.copyOf(ids, count), Arrays.copyOf(ratings, count));
    }

    private static List<Recommendations.Item> scored(Recommender model, Catalogue catalogue, Rated rated, int n,
            Filters filters) {
        IdIndex items = model.items();
        int[] indices = new int[rated.movieIds().length];
        float[] values = new float[indices.length];
        int known = 0;
        for (int i = 0; i < indices.length; i++) {
            int index = items.indexOf(rated.movieIds()[i]);
            if (index >= 0) {
                indices[known] = index;
                values[known++] = rated.ratings()[i];
            }
        }
        int[] ratedIndices = Arrays.copyOf(indices, known);
        float[] scores = model.score(new UserRatings(ratedIndices, Arrays.copyOf(values, known)));
        for (int index : ratedIndices) {
            scores[index] = Float.NaN;   // TopN ignores NaN: rated movies are never recommended
        }
        TopN top = new TopN(n);
        for (int i = 0; i < scores.length; i++) {
            if (!top.wouldKeep(i, scores[i]) || Float.isNaN(scores[i])) {
                continue;
            }
            Movie movie = catalogue.movieAt(model, i);
            if (movie != null && filters.accepts(movie)) {
                top.offer(i, scores[i]);
            }
        }
        List<Recommendations.Item> answer = new ArrayList<>(n);
        for (int index : top.indices()) {
            answer.add(Recommendations.Item.of(catalogue.movieAt(model, index), scores[index]));
        }
        return answer;
    }

    private static List<Recommendations.Item> coldStart(Catalogue catalogue, Rated rated, int n, Filters filters) {
        long[] excluded = rated.movieIds().clone();
        Arrays.sort(excluded);
        List<Recommendations.Item> answer = new ArrayList<>(n);
        int[] ids = catalogue.coldStartIds();
        for (int i = 0; i < ids.length && answer.size() < n; i++) {
            Movie movie = catalogue.movies().get(ids[i]);
            if (movie != null && Arrays.binarySearch(excluded, ids[i]) < 0 && filters.accepts(movie)) {
                answer.add(Recommendations.Item.of(movie, catalogue.coldStartScores()[i]));
            }
        }
        return answer;
    }

    /** A user's rated movie ids and their ratings, in the same order. */
    private record Rated(long[] movieIds, float[] ratings) {
    }
}
