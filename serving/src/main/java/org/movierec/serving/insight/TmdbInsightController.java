package org.movierec.serving.insight;

import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.movierec.serving.insight.TmdbAnswers.ActorReturn;
import org.movierec.serving.insight.TmdbAnswers.DirectorFilm;
import org.movierec.serving.insight.TmdbAnswers.DirectorReturn;
import org.movierec.serving.insight.TmdbAnswers.ReleaseCount;
import org.movierec.serving.insight.TmdbAnswers.TitleMatches;
import org.movierec.serving.insight.TmdbAnswers.TitlePopularity;
import org.movierec.serving.insight.TmdbAnswers.TitleVotes;
import org.movierec.serving.system.TitleKeys;
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
 * The TMDB insights. A name matches whole and case-insensitively (blanks around it ignored); a
 * title matches as people write it: whole, one of its names, any case, accents and punctuation
 * optional, articles in front or at the end ({@link TmdbInsights}). Several films sharing a title
 * are all listed, oldest first, and {@code year} (the release year) narrows them down. An unknown
 * name is a 404 suggesting up to five that contain the text asked; an unknown title suggests those
 * containing it, then the closest.
 */
@RestController
@RequestMapping("/api/insights/tmdb")
class TmdbInsightController {

    private static final String TITLE = "the title as people write it, at most 200 characters once the blanks around "
            + "it are left out";
    private static final String NAME = "the whole name, any case, at most 200 characters once the blanks around it are "
            + "left out";
    private static final String UNKNOWN_TITLE = "No film has the title (and year): suggestions lists the titles "
            + "containing it, then the closest";
    private static final String YEAR = "the release year, " + InsightParameters.MIN_YEAR + " to "
            + InsightParameters.MAX_YEAR;
    private static final String MIN_YEAR = "" + InsightParameters.MIN_YEAR;
    private static final String MAX_YEAR = "" + InsightParameters.MAX_YEAR;
    private static final int MAX_TEXT = InsightParameters.MAX_TEXT;
    /** Text with a character other than a space, and no control character (the blanks around are left out). */
    private static final String NOT_BLANK = InsightParameters.NOT_BLANK_PATTERN;

    private final TmdbInsights insights;
    private final TitleKeys titles;

    TmdbInsightController(TmdbInsights insights, TitleKeys titles) {
        this.insights = insights;
        this.titles = titles;
    }

    /** Films released in a month, on a weekday, or both (at least one is required), over every year. */
    @GetMapping("/releases")
    ReleaseCount releases(@Parameter(description = "a month's name in English or Spanish, any case, accents optional; "
                                  + "month or weekday (or both) must be given, a 400 otherwise", schema = @Schema(
                                  type = "string", allowableValues = {"january", "february", "march", "april", "may",
                                  "june", "july", "august", "september", "october", "november", "december", "enero",
                                  "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                                  "setiembre", "octubre", "noviembre", "diciembre"}))
                          @RequestParam(required = false) String month,
                          @Parameter(description = "a weekday's name in English or Spanish, any case, accents "
                                  + "optional", schema = @Schema(type = "string", allowableValues = {"monday",
                                  "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunes", "martes",
                                  "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo"}))
                          @RequestParam(required = false) String weekday) {
        if (month == null && weekday == null) {
            throw new InvalidParameterException("month", "a month or a weekday (or both)", "");
        }
        Month inMonth = month == null ? null : CalendarNames.month(month);
        DayOfWeek onDay = weekday == null ? null : CalendarNames.weekday(weekday);
        return new ReleaseCount(englishName(inMonth), englishName(onDay), insights.releases(inMonth, onDay),
                "release_date of tmdb_movies, films of every year");
    }

    /** Each film with the title: its release date, year and TMDB popularity score. */
    @GetMapping("/titles/popularity")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = UNKNOWN_TITLE)
    TitleMatches<TitlePopularity> popularity(@Parameter(description = TITLE, schema = @Schema(type = "string",
                                                     minLength = 1, maxLength = MAX_TEXT, pattern = NOT_BLANK))
                                             @RequestParam String title,
                                             @Parameter(description = YEAR, schema = @Schema(type = "integer",
                                                     format = "int32", minimum = MIN_YEAR, maximum = MAX_YEAR))
                                             @RequestParam(required = false) Integer year) {
        return matches(title, year, insights::popularity);
    }

    /** Each film with the title: its vote count and average when it has at least 2000 votes, else a message. */
    @GetMapping("/titles/votes")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = UNKNOWN_TITLE)
    TitleMatches<TitleVotes> votes(@Parameter(description = TITLE, schema = @Schema(type = "string", minLength = 1,
                                           maxLength = MAX_TEXT, pattern = NOT_BLANK)) @RequestParam String title,
                                   @Parameter(description = YEAR, schema = @Schema(type = "integer", format = "int32",
                                           minimum = MIN_YEAR, maximum = MAX_YEAR))
                                   @RequestParam(required = false) Integer year) {
        return matches(title, year, insights::votes);
    }

    /** An actor's number of films and their total and average return. */
    @GetMapping("/actors")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = "No actor has the name: suggestions lists up to five names "
            + "containing it")
    ActorReturn actor(@Parameter(description = NAME, schema = @Schema(type = "string", minLength = 1,
            maxLength = MAX_TEXT, pattern = NOT_BLANK)) @RequestParam String name) {
        String actor = InsightParameters.text("name", name);
        return insights.actor(actor).orElseThrow(() -> new UnknownValueException("name",
                "No actor named '%s' in the TMDB cast of a loaded film".formatted(actor),
                insights.actorsContaining(actor)));
    }

    /** A director's total return and, per film, title, release date, return, budget and revenue. */
    @GetMapping("/directors")
    @ResponseStatus(HttpStatus.OK)
    @ApiResponse(responseCode = "404", description = "No director has the name: suggestions lists up to five names "
            + "containing it")
    DirectorReturn director(@Parameter(description = NAME, schema = @Schema(type = "string", minLength = 1,
            maxLength = MAX_TEXT, pattern = NOT_BLANK)) @RequestParam String name) {
        String asked = InsightParameters.text("name", name);
        String director = insights.directorName(asked).orElseThrow(() -> new UnknownValueException("name",
                "No director named '%s' among the TMDB crews of loaded films".formatted(asked),
                insights.directorsContaining(asked)));
        List<DirectorFilm> films = insights.directorFilms(asked);
        double total = films.stream().mapToDouble(DirectorFilm::filmReturn).sum();
        return new DirectorReturn(director, films.size(), total, TmdbInsights.RETURN_MEANS, films);
    }

    private <T> TitleMatches<T> matches(String title, Integer year, TitleQuery<T> query) {
        String text = InsightParameters.text("title", title);
        Integer released = InsightParameters.year(year);
        AskedTitle asked = new AskedTitle(text, titles.key(text));
        List<T> films = query.find(asked, released);
        if (films.isEmpty()) {
            String message = "No TMDB film titled '%s'%s".formatted(text, released == null ? "" : " released in " + released);
            throw new UnknownValueException("title", message, insights.titlesLike(asked));
        }
        return new TitleMatches<>(text, released, films);
    }

    private static String englishName(Month month) {
        return month == null ? null : month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    private static String englishName(DayOfWeek day) {
        return day == null ? null : day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }

    @FunctionalInterface
    private interface TitleQuery<T> {
        List<T> find(AskedTitle title, Integer year);
    }
}
