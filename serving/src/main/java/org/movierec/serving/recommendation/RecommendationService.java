package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

import org.movierec.model.EaseModel;
import org.movierec.model.FactorScoring;
import org.movierec.model.Recommender;
import org.movierec.model.TopK;
import org.movierec.model.UserRatings;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.system.NotFoundException;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Top-N for a user: the model served scores the user's current ratings (read at request time, so a rating
 * written a moment ago counts; a factor model's requests are scored together, {@link BatchScoring}), rated movies
 * are left out, the filters applied and the best {@code n} kept. The answer is kept for the user's next request
 * while their ratings, the model and the catalogue stay the same ({@link KeptAnswers}).
 * Without ratings or without a model, the cold-start ranking answers. One query per request. Also top-N among
 * the titles similar to a movie, ranked the same way for the user.
 */
@Service
class RecommendationService {

    private static final String TOP_N = "top-n";
    private static final String SIMILAR_TO = "similar-to";
    private static final Comparator<Recommendations.Item> BEST_FIRST =
            Comparator.comparingDouble((Recommendations.Item item) -> -item.score())
                    .thenComparingDouble(item -> -item.similarity())
                    .thenComparingInt(Recommendations.Item::movieId);
    /** Score arrays kept for reuse: as many as requests are scored at once in a burst, within reason. */
    private static final int KEPT_SCORE_BUFFERS = 64;

    private final RatedMovies ratings;
    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final int similarCandidates;
    private final BatchScoring batches;
    private final KeptAnswers answers;
    private final ScoreBuffers buffers = new ScoreBuffers(KEPT_SCORE_BUFFERS);
    private final Counter topNByModel;
    private final Counter topNColdStart;
    private final Counter similarByModel;
    private final Counter similarBySimilarity;
    private final Counter rescored;

    RecommendationService(RatedMovies ratings, CurrentModel current, CatalogueStore catalogues,
            RecommendationProperties properties, BatchScoring batches, KeptAnswers answers, MeterRegistry meters) {
        this.ratings = ratings;
        this.current = current;
        this.catalogues = catalogues;
        this.similarCandidates = properties.similarCandidates();
        this.batches = batches;
        this.answers = answers;
        this.topNByModel = counter(meters, TOP_N, Recommendations.MODEL);
        this.topNColdStart = counter(meters, TOP_N, Recommendations.COLD_START);
        this.similarByModel = counter(meters, SIMILAR_TO, Recommendations.MODEL);
        this.similarBySimilarity = counter(meters, SIMILAR_TO, Recommendations.SIMILARITY);
        this.rescored = Counter.builder("movierec.scoring.rescored").description("Titles scored exactly after a "
                + "factor model's scoring from rounded factors, as candidates of a top-N (serving.scoring.rounded-factors)")
                .register(meters);
        Gauge.builder("movierec.topn.cold.start.share", this, service -> service.coldStartShare())
                .description("Share of the top-N answers since start served by the cold-start ranking (no model "
                        + "loaded, or a user without ratings)").register(meters);
    }

    /** Of the top-N answers since start, the share the cold-start ranking served; NaN before any. */
    double coldStartShare() {
        double cold = topNColdStart.count();
        double all = cold + topNByModel.count();
        return all == 0 ? Double.NaN : cold / all;
    }

    private static Counter counter(MeterRegistry meters, String kind, String strategy) {
        return Counter.builder("movierec.recommendations").description("Recommendation answers by kind and strategy")
                .tag("kind", kind).tag("strategy", strategy).register(meters);
    }

    Recommendations recommend(long userId, int n, Filters filters) {
        Rated rated = ratings.of(userId);
        Catalogue catalogue = catalogues.get();
        Optional<LoadedModel> model = current.get();
        if (model.isEmpty() || rated.movieIds().length == 0) {
            topNColdStart.increment();
            return new Recommendations(userId, Recommendations.COLD_START, null, null, n, null,
                coldStart(catalogue, rated, n, filters, List.of(), null));
        }
        topNByModel.increment();
        LoadedModel loaded = model.get();
        return answers.get(userId, n, filters, rated, loaded, catalogue, () -> Recommendations.ofModel(userId, loaded,
                n, List.copyOf(scored(loaded.recommender(), catalogue, rated, n, filters))));
    }

    /**
     * The best {@code n} of the titles most similar to the movie ({@link SimilarService#candidates}), leaving out
     * the movie and what the user rated: ranked by the model's score of the user's current ratings (strategy
     * {@code model}; titles the model cannot score left out) or, for a user without ratings, by similarity
     * (strategy {@code similarity}). Empty while no model is loaded: similarity comes from the model's data.
     *
     * @throws NotFoundException when the catalogue has no such movie (or no such user)
     */
    Recommendations recommendSimilar(long userId, int movieId, int n, Filters filters) {
        Rated rated = ratings.of(userId);
        Catalogue catalogue = catalogues.get();
        Movie movie = catalogue.movies().get(movieId);
        if (movie == null) {
            throw new NotFoundException("No movie with id " + movieId);
        }
        SimilarTitles.MovieRef similarTo = new SimilarTitles.MovieRef(movie.movieId(), movie.title(), movie.year());
        Optional<LoadedModel> model = current.get();
        if (model.isEmpty()) {
            similarBySimilarity.increment();
            return new Recommendations(userId, Recommendations.SIMILARITY, null, null, n, similarTo, List.of());
        }
        LoadedModel loaded = model.get();
        Recommender recommender = loaded.recommender();
        long[] excluded = rated.movieIds().clone();
        Arrays.sort(excluded);
        List<Candidate> candidates = new ArrayList<>();
        for (Map.Entry<Integer, Float> candidate : SimilarService.candidates(loaded, catalogue, movieId,
                similarCandidates).entrySet()) {
            Movie other = catalogue.movies().get(candidate.getKey());
            if (other.movieId() != movieId && Arrays.binarySearch(excluded, other.movieId()) < 0
                    && filters.accepts(other)) {
                int index = recommender.items().indexOf(other.movieId());
                candidates.add(new Candidate(other, candidate.getValue(), index));
            }
        }
        boolean byModel = rated.movieIds().length > 0;
        List<Recommendations.Item> ranked = new ArrayList<>();
        if (!byModel) {
            candidates.forEach(c -> ranked.add(Recommendations.Item.of(c.movie(), c.similarity(), c.similarity())));
        } else {
            // the model scores the candidates it knows alone, for the user's current ratings
            List<Candidate> known = candidates.stream().filter(c -> c.index() >= 0).toList();
            float[] scores = recommender.predict(rated.forModel(recommender.items()),
                    known.stream().mapToInt(Candidate::index).toArray());
            for (int i = 0; i < scores.length; i++) {
                if (scored(scores[i])) {
                    ranked.add(Recommendations.Item.of(known.get(i).movie(), scores[i], known.get(i).similarity()));
                }
            }
        }
        ranked.sort(BEST_FIRST);
        String strategy = byModel ? Recommendations.MODEL : Recommendations.SIMILARITY;
        (byModel ? similarByModel : similarBySimilarity).increment();
        return new Recommendations(userId, strategy, loaded.name(), loaded.version(), n, similarTo,
                List.copyOf(ranked.subList(0, Math.min(n, ranked.size()))));
    }

    /** A title similar to the movie asked about, its similarity, and its index in the model (-1: unknown to it). */
    private record Candidate(Movie movie, float similarity, int index) {
    }

    /**
     * Whether a model's score is one: models give a title they cannot score (EASE's unmodelled items) a placeholder
     * below every real score ({@code -Float.MAX_VALUE}), or NaN, which an answer never shows.
     */
    private static boolean scored(float score) {
        return score > -Float.MAX_VALUE && score < Float.POSITIVE_INFINITY;
    }

    /**
     * The best {@code n} titles the model scores; when fewer pass the filters, the answer goes on with titles it
     * cannot score, in the cold-start order and labelled so. EASE scores its modelled items alone
     * ({@link EaseModel#scoreModelled}): its scores are those items' in their order, and the scan is as long as they.
     */
    private List<Recommendations.Item> scored(Recommender model, Catalogue catalogue, Rated rated, int n,
            Filters filters) {
        UserRatings user = rated.forModel(model.items());
        EaseModel ease = model instanceof EaseModel easeModel ? easeModel : null;
        float[] scores = buffers.take(ease != null ? ease.modelledItems() : model.items().size());
        try {
            FactorScoring factors = model instanceof FactorScoring scoring ? scoring : null;
            float[] vector = factors == null ? null : factors.userVector(user);
            float error = 0;   // how far each score may be from the exact one
            if (factors != null) {
                error = batches.score(factors, vector, scores);   // with other requests' users
            } else if (ease != null) {
                ease.scoreModelled(user, scores);
            } else {
                model.score(user, scores);
            }
            // the item at a place of scores
            IntUnaryOperator itemAt = ease != null ? ease::modelledItemAt : place -> place;
            for (int item : user.items()) {
                int place = ease != null ? ease.positionOf(item) : item;
                if (place >= 0) {
                    scores[place] = Float.NaN;   // rated movies are never recommended
                }
            }
            IntPredicate accepts = place -> {
                Movie movie = catalogue.movieAt(model, itemAt.applyAsInt(place));
                return movie != null && filters.accepts(movie);
            };
            TopK top = error == 0 ? TopK.of(scores, n, accepts)
                    : TopK.refined(scores, error, n, accepts, exactScores(factors, vector), factors.highestScore());
            List<Recommendations.Item> answer = new ArrayList<>(n);
            for (int place : top.indices()) {
                // a placeholder is kept only while fewer real scores pass the filters, and ranks last
                if (scored(scores[place])) {
                    Movie movie = catalogue.movieAt(model, itemAt.applyAsInt(place));
                    answer.add(Recommendations.Item.of(movie, scores[place]));
                }
            }
            if (answer.size() == n) {
                return answer;
            }
            List<Integer> chosen = answer.stream().map(Recommendations.Item::movieId).toList();
            return coldStart(catalogue, rated, n, filters, answer, chosen);
        } finally {
            buffers.give(scores);
        }
    }

    /** The model's exact score of a title for the user, counted ({@code movierec.scoring.rescored}). */
    private TopK.ExactScore exactScores(FactorScoring model, float[] vector) {
        return index -> {
            rescored.increment();
            return model.scoreItem(vector, index);
        };
    }

    /**
     * {@code answer} filled up to {@code n} with titles of the cold-start ranking the user has not rated that pass
     * the filters, leaving out {@code chosen}; labelled as a fallback when the answer already holds model scores.
     */
    private static List<Recommendations.Item> coldStart(Catalogue catalogue, Rated rated, int n, Filters filters,
            List<Recommendations.Item> answer, List<Integer> chosen) {
        long[] excluded = rated.movieIds().clone();
        Arrays.sort(excluded);
        List<Recommendations.Item> filled = new ArrayList<>(answer);
        int[] ids = catalogue.coldStart().ids();
        for (int i = 0; i < ids.length && filled.size() < n; i++) {
            Movie movie = catalogue.movies().get(ids[i]);
            if (movie != null && Arrays.binarySearch(excluded, ids[i]) < 0 && filters.accepts(movie)
                    && (chosen == null || !chosen.contains(ids[i]))) {
                float score = catalogue.coldStart().scores()[i];
                filled.add(chosen == null ? Recommendations.Item.of(movie, score)
                        : Recommendations.Item.fallback(movie, score, Recommendations.COLD_START));
            }
        }
        return filled;
    }
}
