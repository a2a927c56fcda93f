package org.movierec.serving.recommendation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.movierec.model.ContentIndex;
import org.movierec.model.Recommender;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.ItemNeighbours;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.system.NotFoundException;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Similar titles for a movie, by the content index saved with the served model and by its learned item similarity.
 * Only movies of the catalogue are answered; a movie asked about by title is found by {@link MovieTitles}. The
 * similar titles by model are read from the served version's {@link ItemNeighbours}, computed before it was swapped
 * in: no request compares a movie with every other.
 */
@Service
class SimilarService {

    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final Counter byContentAnswers;
    private final Counter byModelAnswers;

    SimilarService(CurrentModel current, CatalogueStore catalogues, MeterRegistry meters) {
        this.current = current;
        this.catalogues = catalogues;
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
        List<SimilarTitles.Item> byModel = byModel(loaded, catalogue, movieId, n);
        if (byContent != null) {
            byContentAnswers.increment();
        }
        if (byModel != null) {
            byModelAnswers.increment();
        }
        String measure = byModel == null ? null : loaded.neighbours().measure();
        return new SimilarTitles(asked, loaded.name(), loaded.version(), byContent, byModel, measure);
    }

    /**
     * The titles most similar to the movie by the served model's data, for ranking them for a user: up to
     * {@code k} by content and {@code k} by the model (at most its kept neighbours), each with the larger of its
     * similarities.
     */
    static Map<Integer, Float> candidates(LoadedModel loaded, Catalogue catalogue, int movieId, int k) {
        Map<Integer, Float> found = new HashMap<>();
        for (List<SimilarTitles.Item> list : Arrays.asList(byContent(loaded.content(), catalogue, movieId, k),
                byModel(loaded, catalogue, movieId, k))) {
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
     * The titles most similar to the movie by what the model learned (EASE's item-item weights, or the cosine of
     * the item vectors): the first {@code n} of its kept neighbours that are in the catalogue; null for a model
     * with neither. An answer lists fewer than {@code n} when fewer of the kept neighbours are in the catalogue.
     */
    private static List<SimilarTitles.Item> byModel(LoadedModel loaded, Catalogue catalogue, int movieId, int n) {
        ItemNeighbours table = loaded.neighbours();
        if (table == null) {
            return null;
        }
        Recommender model = loaded.recommender();
        int item = model.items().indexOf(movieId);
        List<SimilarTitles.Item> answer = new ArrayList<>(Math.min(n, table.kept()));
        for (int rank = 0; item >= 0 && rank < table.count(item) && answer.size() < n; rank++) {
            Movie movie = catalogue.movieAt(model, table.neighbour(item, rank));
            if (movie != null) {
                answer.add(SimilarTitles.Item.of(movie, table.similarity(item, rank)));
            }
        }
        return answer;
    }
}
