package org.movierec.serving.recommendation;

import java.util.List;
import java.util.Optional;

import org.movierec.mlflow.ModelRole;
import org.movierec.model.Recommender;
import org.movierec.serving.model.CurrentModel;
import org.movierec.serving.model.LoadedModel;
import org.movierec.serving.quality.OnlineQuality;
import org.movierec.serving.system.NotFoundException;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A user's predicted rating of one movie: the rating predictor served (or, while none is, the ranker when it
 * predicts ratings) scores the user's current ratings when it knows the movie; otherwise the movie's damped mean
 * rating (the cold-start score) answers. A movie the user rated has their rating beside the prediction.
 */
@Service
class PredictionService {

    private final RatedMovies ratings;
    private final CurrentModel current;
    private final CatalogueStore catalogues;
    private final double likedThreshold;
    private final Counter byModel;
    private final Counter byDampedMean;
    private final OnlineQuality online;

    PredictionService(RatedMovies ratings, CurrentModel current, CatalogueStore catalogues,
            RecommendationProperties properties, MeterRegistry meters, OnlineQuality online) {
        this.ratings = ratings;
        this.current = current;
        this.catalogues = catalogues;
        this.likedThreshold = properties.likedThreshold();
        this.byModel = counter(meters, Prediction.MODEL);
        this.byDampedMean = counter(meters, Prediction.DAMPED_MEAN);
        this.online = online;
    }

    private static Counter counter(MeterRegistry meters, String strategy) {
        return Counter.builder("movierec.predictions").description("Predicted ratings answered, by strategy")
                .tag("strategy", strategy).register(meters);
    }

    /** @throws NotFoundException when there is no such user or the catalogue has no such movie */
    Prediction predict(long userId, int movieId) {
        Rated rated = ratings.of(userId);
        Catalogue catalogue = catalogues.get();
        Movie movie = catalogue.movies().get(movieId);
        if (movie == null) {
            throw new NotFoundException("No movie with id " + movieId);
        }
        Float yourRating = rated.ratingOf(movieId);
        for (ModelRole role : List.of(ModelRole.PREDICTOR, ModelRole.RANKER)) {
            Optional<LoadedModel> model = current.get(role).filter(loaded -> loaded.recommender().predictsRatings());
            if (model.isEmpty()) {
                continue;
            }
            Recommender recommender = model.get().recommender();
            int index = recommender.items().indexOf(movieId);
            if (index >= 0) {
                float predicted = recommender.predict(rated.forModel(recommender.items()), index)[0];
                return answer(userId, movie, predicted, model.get(), role, yourRating);
            }
            break;   // the predictor does not know the movie: its damped mean, not another model's guess
        }
        return answer(userId, movie, catalogue.dampedMean(movieId), null, null, yourRating);
    }

    private Prediction answer(long userId, Movie movie, float value, LoadedModel model, ModelRole role,
            Float yourRating) {
        (model != null ? byModel : byDampedMean).increment();
        Float prediction = Float.isNaN(value) ? null : value;
        if (yourRating == null) {
            online.predicted(userId, movie.movieId(), value, model != null ? Prediction.MODEL : Prediction.DAMPED_MEAN);
        }
        return new Prediction(userId, movie.movieId(), movie.title(), movie.year(), prediction,
                prediction != null && prediction >= likedThreshold, likedThreshold,
                model != null ? Prediction.MODEL : Prediction.DAMPED_MEAN, model == null ? null : model.name(),
                model == null ? null : model.version(), role == null ? null : role.id(), yourRating);
    }
}
