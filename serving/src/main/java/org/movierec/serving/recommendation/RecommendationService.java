package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.movierec.model.Recommender;
import org.movierec.model.UserRatings;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
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

    private final RatedMovies ratings;
    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final Counter modelAnswers;
    private final Counter coldStartAnswers;

    RecommendationService(RatedMovies ratings, CurrentModel current, CatalogueStore catalogues, MeterRegistry meters) {
        this.ratings = ratings;
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
        Rated rated = ratings.of(userId);
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

    private static List<Recommendations.Item> scored(Recommender model, Catalogue catalogue, Rated rated, int n,
            Filters filters) {
        UserRatings user = rated.forModel(model.items());
        float[] scores = model.score(user);
        for (int index : user.items()) {
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
}
