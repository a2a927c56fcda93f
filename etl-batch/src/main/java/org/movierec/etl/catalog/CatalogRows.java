package org.movierec.etl.catalog;

import java.time.LocalDate;
import java.util.List;

import org.movierec.core.Titles;
import org.movierec.etl.load.CopyBatch;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.StagingTable;

/** The rows the catalog and ratings files become, and the staging tables they are copied into. */
final class CatalogRows {

    static final StagingTable TITLES = new StagingTable("catalog_titles", "title_id", "platform", "show_id", "type",
            "title", "title_key", "directors", "cast_members", "countries", "date_added", "release_year", "rating",
            "duration_int", "duration_type", "listed_in", "description");
    static final StagingTable RATINGS = new StagingTable("catalog_ratings", "user_id", "title_id", "rating", "rated_at",
            "source_file");

    private CatalogRows() {
    }

    /** One title of a platform's catalog; text already lower-case, lists already split. */
    record Title(String titleId, Platform platform, String showId, String type, String title, List<String> directors,
                 List<String> castMembers, List<String> countries, LocalDate dateAdded, Integer releaseYear,
                 String rating, Integer durationInt, String durationType, List<String> listedIn, String description)
            implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(TITLES, line).text(titleId).text(platform.label()).text(showId).text(type).text(title)
                    .text(Titles.normalize(title)).textArray(directors).textArray(castMembers).textArray(countries)
                    .date(dateAdded).int2(releaseYear).text(rating).int4(durationInt).text(durationType)
                    .textArray(listedIn).text(description).end();
        }
    }

    /**
     * A user's rating of a catalog title. {@code sourceFile} ("ratings/1.csv") tells the rows of
     * one ratings file from those of the others in the shared staging table.
     */
    record Rating(long userId, String titleId, double rating, long ratedAtEpochSecond, String sourceFile)
            implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(RATINGS, line).int8(userId).text(titleId).float4(rating).epochSeconds(ratedAtEpochSecond)
                    .text(sourceFile).end();
        }
    }
}
