package org.movierec.etl.imdb;

import java.util.List;

import org.movierec.etl.load.CopyBatch;
import org.movierec.etl.load.StagedRow;
import org.movierec.etl.load.StagingTable;

/** The rows IMDb files become, and the staging tables they are copied into. */
final class ImdbRows {

    static final StagingTable TITLES = new StagingTable("imdb_titles", "tconst", "title_type", "primary_title",
            "original_title", "is_adult", "start_year", "end_year", "runtime_minutes", "genres");
    static final StagingTable RATINGS = new StagingTable("imdb_ratings", "tconst", "average_rating", "num_votes");
    static final StagingTable CREW = new StagingTable("imdb_crew", "tconst", "role", "nconst");
    static final StagingTable PRINCIPALS = new StagingTable("imdb_principals", "tconst", "ordering", "nconst",
            "category", "job", "characters");
    static final StagingTable NAMES = new StagingTable("imdb_names", "nconst", "primary_name", "birth_year",
            "death_year", "primary_profession", "known_for_titles");

    private ImdbRows() {
    }

    record Title(String tconst, String titleType, String primaryTitle, String originalTitle, Boolean isAdult,
                 Integer startYear, Integer endYear, Integer runtimeMinutes, List<String> genres) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(TITLES, line).text(tconst).text(titleType).text(primaryTitle).text(originalTitle).bool(isAdult)
                    .int2(startYear).int2(endYear).int4(runtimeMinutes).textArray(genres).end();
        }
    }

    record Rating(String tconst, double averageRating, int numVotes) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(RATINGS, line).text(tconst).float4(averageRating).int4(numVotes).end();
        }
    }

    /** One line of title.crew: a row per person and role, since the table is normalised. */
    record Crew(String tconst, List<Credit> credits) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            for (Credit credit : credits) {
                batch.into(CREW, line).text(tconst).text(credit.role()).text(credit.nconst()).end();
            }
        }
    }

    /** @param role "director" or "writer" */
    record Credit(String role, String nconst) {
    }

    record Principal(String tconst, int ordering, String nconst, String category, String job, String characters)
            implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(PRINCIPALS, line).text(tconst).int2(ordering).text(nconst).text(category).text(job)
                    .text(characters).end();
        }
    }

    record Name(String nconst, String primaryName, Integer birthYear, Integer deathYear, List<String> primaryProfession,
                List<String> knownForTitles) implements StagedRow {
        @Override
        public void copyTo(CopyBatch batch, long line) {
            batch.into(NAMES, line).text(nconst).text(primaryName).int2(birthYear).int2(deathYear)
                    .textArray(primaryProfession).textArray(knownForTitles).end();
        }
    }
}
