package org.movierec.serving.insight;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The answers of the streaming-catalog insights, as they go on the wire. Text is lower-case, as stored. */
final class CatalogAnswers {

    private CatalogAnswers() {
    }

    /** The longest title meeting the filters, and a sentence saying how it was chosen. */
    record LongestTitle(String title, int duration, String durationType, String platform, String titleId,
                        @Schema(types = {"integer", "null"}) Integer releaseYear, String criteria) {
    }

    /** How many titles of a platform and release year score strictly above {@code score}. */
    record ScoredTitleCount(String platform, int year, double score, String source, long titles, String scoreMeans,
                            String yearMeans, String comparison) {
    }

    /** Movies and series (type "tv show") of one platform. */
    record PlatformTypeCount(String platform, long movies, long series) {
    }

    /** The counts of each platform asked, in the order of {@link InsightParameters#PLATFORMS}. */
    record TypeCounts(List<PlatformTypeCount> platforms) {
    }

    /** The cast member in the most titles of a platform and release year. */
    record TopCastMember(String platform, int year, String name, long titles, String yearMeans, String tieBreak) {
    }
}
