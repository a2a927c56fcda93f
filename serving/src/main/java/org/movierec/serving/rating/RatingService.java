package org.movierec.serving.rating;

import org.movierec.serving.quality.OnlineQuality;
import org.movierec.serving.system.ConflictException;
import org.movierec.serving.system.NotFoundException;
import org.movierec.serving.system.PageResponse;
import org.movierec.serving.system.RetriedRead;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's ratings: one per movie, written by the user (or the administrator) and read back paged.
 * Ratings of users imported from MovieLens can be read but not written: the ingestion owns them.
 */
@Service
class RatingService {

    private final RatingRepository ratings;
    private final OnlineQuality online;

    RatingService(RatingRepository ratings, OnlineQuality online) {
        this.ratings = ratings;
        this.online = online;
    }

    @Transactional
    RatingResponse create(long userId, int movieId, double rating) {
        writableUser(userId);
        if (!ratings.movieExists(movieId)) {
            throw new NotFoundException("No movie with id " + movieId);
        }
        if (!ratings.insert(userId, movieId, rating)) {
            throw new ConflictException("User " + userId + " has already rated movie " + movieId
                    + ": change the rating with PUT or PATCH /api/users/" + userId + "/ratings/" + movieId);
        }
        online.rated(userId, movieId, rating);
        return ratings.find(userId, movieId).orElseThrow();
    }

    @Transactional
    RatingResponse change(long userId, int movieId, double rating) {
        writableUser(userId);
        if (!ratings.update(userId, movieId, rating)) {
            throw noRating(userId, movieId);
        }
        return ratings.find(userId, movieId).orElseThrow();
    }

    @Transactional
    void delete(long userId, int movieId) {
        writableUser(userId);
        if (!ratings.delete(userId, movieId)) {
            throw noRating(userId, movieId);
        }
    }

    @RetriedRead
    RatingResponse get(long userId, int movieId) {
        existingUser(userId);
        return ratings.find(userId, movieId).orElseThrow(() -> noRating(userId, movieId));
    }

    @RetriedRead
    @Transactional(readOnly = true)
    PageResponse<RatingResponse> list(long userId, RatingSort sort, int page, int size) {
        existingUser(userId);
        return PageResponse.of(ratings.page(userId, sort, page, size), page, size, ratings.count(userId));
    }

    private String existingUser(long userId) {
        return ratings.userOrigin(userId).orElseThrow(() -> new NotFoundException("No user with id " + userId));
    }

    private void writableUser(long userId) {
        String origin = existingUser(userId);
        if (!"platform".equals(origin)) {
            throw new ConflictException("User " + userId + " was imported from " + origin
                    + ": their ratings change only with the next import");
        }
    }

    private static NotFoundException noRating(long userId, int movieId) {
        return new NotFoundException("User " + userId + " has not rated movie " + movieId);
    }
}
