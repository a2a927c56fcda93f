package org.movierec.serving.recommendation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.movierec.serving.model.LoadedModel;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The model's top-N answers of recent requests ({@code serving.recommendation.answers-kept} at most, the least
 * used dropped first), given again to a request of the same user with the same {@code n} and filters while the
 * user's ratings, the model served and the catalogue are the same. Each request still reads the user's ratings:
 * the answer kept is keyed by a 128-bit fingerprint of them ({@link Rated#digest}), so a rating written since, on
 * this replica or another, makes a new answer, and the answer given is the one scoring would give. An answer of
 * another model version or catalogue read is never given: it is replaced on the next request. An answer names its
 * model and catalogue by their version and read time, not by reference, so that an answer kept from before a swap
 * does not keep the old model's arrays in memory.
 */
@Component
class KeptAnswers {

    private record Key(long userId, int n, Filters filters, long ratingsDigest, long ratingsDigest2) {
    }

    /**
     * An answer with what it was made from: the version of the registered model served (one name per process,
     * {@code serving.model.name}) and its run, and when the catalogue was read. Kept compact, as its titles' ids and
     * scores ({@code scored} of them the model's, the rest cold-start fallbacks), and made whole again from the same
     * catalogue when given: tens of thousands of answers live through several young collections, each of which
     * copies them, so their bytes are pause time (about 265 bytes an answer of ten with its key and the cache's
     * entry, instead of 800).
     */
    private record Kept(int modelVersion, String runId, Instant catalogueReadAt, int[] movieIds, float[] scores,
                        int scored) {

        static Kept of(LoadedModel model, Catalogue catalogue, Recommendations answer) {
            List<Recommendations.Item> items = answer.items();
            int[] movieIds = new int[items.size()];
            float[] scores = new float[items.size()];
            int scored = 0;
            for (int i = 0; i < movieIds.length; i++) {
                Recommendations.Item item = items.get(i);
                movieIds[i] = item.movieId();
                scores[i] = item.score();
                if (item.fallback() == null) {
                    scored = i + 1;
                }
            }
            return new Kept(model.version(), model.runId(), catalogue.readAt(), movieIds, scores, scored);
        }

        boolean madeFrom(LoadedModel model, Catalogue catalogue) {
            return modelVersion == model.version() && Objects.equals(runId, model.runId())
                    && catalogueReadAt.equals(catalogue.readAt());
        }

        /** The answer again, its titles from the catalogue it was made from. */
        Recommendations answer(long userId, int n, LoadedModel model, Catalogue catalogue) {
            List<Recommendations.Item> items = new ArrayList<>(movieIds.length);
            for (int i = 0; i < movieIds.length; i++) {
                Movie movie = catalogue.movies().get(movieIds[i]);
                items.add(i < scored ? Recommendations.Item.of(movie, scores[i])
                        : Recommendations.Item.fallback(movie, scores[i], Recommendations.COLD_START));
            }
            return Recommendations.ofModel(userId, model, n, List.copyOf(items));
        }
    }

    private static final long SEED = 0x6d6f766965726563L;
    private static final long SEED2 = 0x2f746f702d6e2f31L;

    private final Cache<Key, Kept> kept;
    private final Counter hits;
    private final Counter misses;

    KeptAnswers(RecommendationProperties properties, MeterRegistry meters) {
        this.kept = properties.answersKept() == 0 ? null
                : Caffeine.newBuilder().maximumSize(properties.answersKept()).build();
        this.hits = counter(meters, "hit");
        this.misses = counter(meters, "miss");
        Gauge.builder("movierec.topn.answers.kept", this, answers -> answers.kept == null ? 0 : answers.kept.estimatedSize())
                .description("Top-N answers kept for the next request of the same user with the same ratings")
                .register(meters);
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("movierec.topn.answers").description("Top-N answers of the model, by whether one kept "
                + "was given (hit) or the model scored the user (miss)").tag("result", result).register(meters);
    }

    /** The answer kept for this request, or {@code score}'s, then kept. */
    Recommendations get(long userId, int n, Filters filters, Rated rated, LoadedModel model, Catalogue catalogue,
            Supplier<Recommendations> score) {
        if (kept == null) {
            misses.increment();
            return score.get();
        }
        Key key = new Key(userId, n, filters, rated.digest(SEED), rated.digest(SEED2));
        Kept found = kept.getIfPresent(key);
        if (found != null && found.madeFrom(model, catalogue)) {
            hits.increment();
            return found.answer(userId, n, model, catalogue);
        }
        misses.increment();
        Recommendations answer = score.get();
        kept.put(key, Kept.of(model, catalogue, answer));
        return answer;
    }
}
