package org.movierec.serving.insight;

import java.util.List;
import java.util.Locale;

import org.movierec.serving.insight.CatalogAnswers.LongestTitle;
import org.movierec.serving.insight.CatalogAnswers.ScoredTitleCount;
import org.movierec.serving.insight.CatalogAnswers.TopCastMember;
import org.movierec.serving.insight.CatalogAnswers.TypeCounts;
import org.movierec.serving.insight.CatalogInsights.ScoreSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The streaming-catalog insights. "Year" is always {@code release_year}, the year the title came
 * out (not the year it was added to the platform, which many titles lack); titles and names are
 * answered lower-case, as the catalogs are stored.
 */
@RestController
@RequestMapping("/api/insights/catalog")
class CatalogInsightController {

    static final String YEAR_MEANS = "release_year: the year the title was released";
    static final String TIE_BREAK = "among equally frequent cast members, the first by name (alphabetical)";

    private static final String PLATFORM = "amazon, disney, hulu or netflix, any case";
    private static final String YEAR = "the release year, " + InsightParameters.MIN_YEAR + " to "
            + InsightParameters.MAX_YEAR;
    private static final String MIN_YEAR = "" + InsightParameters.MIN_YEAR;
    private static final String MAX_YEAR = "" + InsightParameters.MAX_YEAR;

    private final CatalogInsights insights;

    CatalogInsightController(CatalogInsights insights) {
        this.insights = insights;
    }

    /** The longest title of a duration type (default {@code min}), optionally of one release year and platform. */
    @GetMapping("/longest")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = "No title with these filters has a duration")
    LongestTitle longest(@Parameter(description = "min (films) or season (series), any case; absent: min",
                                 schema = @Schema(type = "string", allowableValues = {"min", "season"}))
                         @RequestParam(required = false) String durationType,
                         @Parameter(description = YEAR, schema = @Schema(type = "integer", format = "int32",
                                 minimum = MIN_YEAR, maximum = MAX_YEAR)) @RequestParam(required = false) Integer year,
                         @Parameter(description = PLATFORM, schema = @Schema(type = "string", allowableValues = {
                                 "amazon", "disney", "hulu", "netflix"}))
                         @RequestParam(required = false) String platform) {
        String type = InsightParameters.durationType(durationType);
        Integer releaseYear = InsightParameters.year(year);
        String onPlatform = InsightParameters.optionalPlatform(platform);
        String filters = "duration type '" + type + "'" + (releaseYear == null ? "" : ", released in " + releaseYear)
                + (onPlatform == null ? ", any platform" : ", on " + onPlatform);
        String criteria = "largest duration_int (" + (type.equals("min") ? "minutes" : "seasons") + ") among titles with "
                + filters + "; ties go to the first title alphabetically";
        String narrowest = releaseYear != null ? "year" : onPlatform != null ? "platform" : "durationType";
        return insights.longest(type, releaseYear, onPlatform, criteria).orElseThrow(() -> new UnknownValueException(
                narrowest, "No catalog title with " + filters + " has a duration", List.of()));
    }

    /**
     * How many titles of a platform released in {@code year} have a mean rating strictly above
     * {@code score}; titles without ratings never count. {@code source}: {@code catalog} (default,
     * the platform users' ratings in {@code catalog_ratings}) or {@code movielens} (the ratings of
     * the MovieLens movie the title is linked to).
     */
    @GetMapping("/scored")
    ScoredTitleCount scored(@Parameter(description = PLATFORM, schema = @Schema(type = "string", allowableValues = {
                                    "amazon", "disney", "hulu", "netflix"})) @RequestParam String platform,
                            @Parameter(description = YEAR, schema = @Schema(type = "integer", format = "int32",
                                    minimum = MIN_YEAR, maximum = MAX_YEAR)) @RequestParam Integer year,
                            @Parameter(description = "a mean rating from 0 to 5", schema = @Schema(type = "number",
                                    format = "double", minimum = "0", maximum = "5")) @RequestParam Double score,
                            @Parameter(description = "catalog (the platform users' ratings) or movielens (the linked "
                                    + "movie's), any case; absent: catalog", schema = @Schema(type = "string",
                                    allowableValues = {"catalog", "movielens"}))
                            @RequestParam(required = false) String source) {
        String onPlatform = InsightParameters.platform(platform);
        int releaseYear = InsightParameters.year(year);
        double above = InsightParameters.score(score);
        ScoreSource from = scoreSource(source);
        long titles = insights.scoredAbove(onPlatform, releaseYear, above, from);
        return new ScoredTitleCount(onPlatform, releaseYear, above, from.name().toLowerCase(Locale.ROOT), titles,
                from.meaning(), YEAR_MEANS, "strictly above the score; titles without ratings are not counted");
    }

    /** Movies and series of each platform, or of the one asked. */
    @GetMapping("/types")
    TypeCounts types(@Parameter(description = PLATFORM + "; absent: all four", schema = @Schema(type = "string",
            allowableValues = {"amazon", "disney", "hulu", "netflix"}))
            @RequestParam(required = false) String platform) {
        List<String> platforms = platform == null ? InsightParameters.PLATFORMS
                : List.of(InsightParameters.platform(platform));
        return new TypeCounts(insights.typeCounts(platforms));
    }

    /** The cast member appearing in the most titles of a platform released in {@code year}. */
    @GetMapping("/top-cast-member")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = "No title on the platform released in the year lists its cast")
    TopCastMember topCastMember(@Parameter(description = PLATFORM, schema = @Schema(type = "string", allowableValues = {
                                        "amazon", "disney", "hulu", "netflix"})) @RequestParam String platform,
                                @Parameter(description = YEAR, schema = @Schema(type = "integer", format = "int32",
                                        minimum = MIN_YEAR, maximum = MAX_YEAR)) @RequestParam Integer year) {
        String onPlatform = InsightParameters.platform(platform);
        int releaseYear = InsightParameters.year(year);
        return insights.topCastMember(onPlatform, releaseYear, YEAR_MEANS, TIE_BREAK)
                .orElseThrow(() -> new UnknownValueException("year", "No title on %s released in %d lists its cast"
                        .formatted(onPlatform, releaseYear), List.of()));
    }

    private static ScoreSource scoreSource(String source) {
        if (source == null) {
            return ScoreSource.CATALOG;
        }
        return switch (source.strip().toLowerCase(Locale.ROOT)) {
            case "catalog" -> ScoreSource.CATALOG;
            case "movielens" -> ScoreSource.MOVIELENS;
            default -> throw new InvalidParameterException("source", "catalog or movielens", source);
        };
    }
}
