package org.movierec.serving.rating;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The bodies the rating endpoints accept. */
final class RatingRequests {

    private RatingRequests() {
    }

    /** {@code POST /api/users/{id}/ratings}: rate a movie not rated yet. */
    record Create(@NotNull @Positive @Schema(minimum = "1") Integer movieId,
                  @NotNull @HalfStep @Schema(minimum = "0.5", maximum = "5", multipleOf = 0.5) Double rating) {
    }

    /** {@code PUT/PATCH /api/users/{id}/ratings/{movieId}}: change the rating. */
    record Change(@NotNull @HalfStep @Schema(minimum = "0.5", maximum = "5", multipleOf = 0.5) Double rating) {
    }
}
