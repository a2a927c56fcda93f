package org.movierec.serving.recommendation;

import java.time.Instant;
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
     * {@code serving.model.name}) and its run, and when the catalogue was read.
     */
    private record Kept(int modelVersion, String runId, Instant catalogueReadAt, Recommendations answer) {

        Kept(LoadedModel model, Catalogue catalogue, Recommendations answer) {
            this(model.version(), model.runId(), catalogue.readAt(), answer);
        }

        boolean madeFrom(LoadedModel model, Catalogue catalogue) {
            return modelVersion == model.version() && Objects.equals(runId, model.runId())
                    && catalogueReadAt.equals(catalogue.readAt());
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
            return found.answer();
        }
        misses.increment();
        Recommendations answer = score.get();
        kept.put(key, new Kept(model, catalogue, answer));
        return answer;
    }
}
