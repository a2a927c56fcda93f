package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.movierec.model.ContentIndex;
import org.movierec.model.EaseModel;
import org.movierec.model.Recommender;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.system.NotFoundException;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Similar titles for a movie, by the content index saved with the served model and by its learned item vectors.
 * Only movies of the catalogue are answered; a movie asked about by title is found by {@link MovieTitles}.
 */
@Service
class SimilarService {

    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final ItemVectors vectors;
    private final Counter byContentAnswers;
    private final Counter byModelAnswers;

    SimilarService(CurrentModel current, CatalogueStore catalogues, ItemVectors vectors, MeterRegistry meters) {
        this.current = current;
        this.catalogues = catalogues;
        this.vectors = vectors;
        this.byContentAnswers = counter(meters, "content");
        this.byModelAnswers = counter(meters, "model");
    }

    private static Counter counter(MeterRegistry meters, String list) {
        return Counter.builder("movierec.similar").description("Similar-title lists answered, by what measured them")
                .tag("by", list).register(meters);
    }

    /** @throws NotFoundException when the catalogue has no such movie */
    SimilarTitles similarTo(int movieId, int n) {
        Catalogue catalogue = catalogues.get();
        Movie movie = catalogue.movies().get(movieId);
        if (movie == null) {
            throw new NotFoundException("No movie with id " + movieId);
        }
        SimilarTitles.MovieRef asked = new SimilarTitles.MovieRef(movie.movieId(), movie.title(), movie.year());
        Optional<LoadedModel> model = current.get();
        if (model.isEmpty()) {
            return new SimilarTitles(asked, null, null, null, null, null);
        }
        LoadedModel loaded = model.get();
        List<SimilarTitles.Item> byContent = byContent(loaded.content(), catalogue, movieId, n);
        List<SimilarTitles.Item> byModel = byModel(vectors, loaded.recommender(), catalogue, movieId, n);
        if (byContent != null) {
            byContentAnswers.increment();
        }
        if (byModel != null) {
            byModelAnswers.increment();
        }
        String measure = byModel == null ? null
                : loaded.recommender() instanceof EaseModel ? SimilarTitles.EASE_WEIGHT : SimilarTitles.COSINE;
        return new SimilarTitles(asked, loaded.name(), loaded.version(), byContent, byModel, measure);
    }

    /**
     * The titles most similar to the movie by the served model's data, for ranking them for a user: up to
     * {@code k} by content and {@code k} by item vectors, each with the larger of its similarities.
     */
    static Map<Integer, Float> candidates(LoadedModel loaded, Catalogue catalogue, ItemVectors vectors, int movieId,
            int k) {
        Map<Integer, Float> found = new HashMap<>();
        for (List<SimilarTitles.Item> list : Arrays.asList(byContent(loaded.content(), catalogue, movieId, k),
                byModel(vectors, loaded.recommender(), catalogue, movieId, k))) {
            if (list != null) {
                list.forEach(item -> found.merge(item.movieId(), item.similarity(), Math::max));
            }
        }
        return found;
    }

    private static List<SimilarTitles.Item> byContent(ContentIndex content, Catalogue catalogue, int movieId, int n) {
        if (content == null) {
            return null;
        }
        List<SimilarTitles.Item> answer = new ArrayList<>(n);
        // a few more than n, in case some of them have left the catalogue since training
        for (ContentIndex.Similar similar : content.similarTo(movieId, n + 10)) {
            Movie movie = similar.movieId() > Integer.MAX_VALUE ? null : catalogue.movies().get((int) similar.movieId());
            if (movie != null && answer.size() < n) {
                answer.add(SimilarTitles.Item.of(movie, similar.similarity()));
            }
        }
        return answer;
    }

    /**
     * The titles most similar to the movie by what the model learned: EASE's item-item weights (its stored
     * neighbours of the movie), or the cosine of factor models' item vectors; null for a model with neither.
     */
    private static List<SimilarTitles.Item> byModel(ItemVectors vectors, Recommender model, Catalogue catalogue,
            int movieId, int n) {
        if (model instanceof EaseModel ease) {
            int item = ease.items().indexOf(movieId);
            List<SimilarTitles.Item> answer = new ArrayList<>(n);
            for (EaseModel.Neighbour neighbour : item < 0 ? List.<EaseModel.Neighbour>of() : ease.neighbours(item)) {
                Movie movie = catalogue.movieAt(model, neighbour.index());
                if (movie != null && answer.size() < n) {
                    answer.add(SimilarTitles.Item.of(movie, neighbour.weight()));
                }
            }
            return answer;
        }
        Optional<ItemVectors.Unit> unit = vectors.of(model);
        if (unit.isEmpty()) {
            return null;
        }
        int item = model.items().indexOf(movieId);
        if (item < 0) {
            return List.of();
        }
        List<SimilarTitles.Item> answer = new ArrayList<>(n);
        for (int index : unit.get().mostSimilar(item, n, i -> catalogue.movieAt(model, i) != null)) {
            answer.add(SimilarTitles.Item.of(catalogue.movieAt(model, index), unit.get().cosine(item, index)));
        }
        return answer;
    }
}
