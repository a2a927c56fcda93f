package org.movierec.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Movie titles as the sources write them. MovieLens appends the year ("Toy Story (1995)") and
 * moves leading articles to the end ("Matrix, The (1999)"); the catalogs and TMDB do neither.
 * {@link #normalize} gives one form for matching titles across sources.
 */
public final class Titles {

    /** "Title (1995)", also "(2006-2007)" or "(2006–)" for series, with blanks around. */
    private static final Pattern TRAILING_YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:\\s*[-–]\\s*\\d{0,4})?\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (the|a|an|les|la|le|l'|il|el|der|die|das)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");

    private Titles() {
    }

    /** A title split from its trailing year; {@code year} is null when the title has none. */
    public record TitleYear(String title, Integer year) {
    }

    public static TitleYear splitYear(String title) {
        String stripped = title.strip();
        Matcher matcher = TRAILING_YEAR.matcher(stripped);
        if (matcher.matches() && !matcher.group(1).isBlank()) {
            return new TitleYear(matcher.group(1).strip(), Integer.parseInt(matcher.group(2)));
        }
        return new TitleYear(stripped, null);
    }

    /**
     * The form used to match titles: lower case, without accents or punctuation, a trailing
     * article moved to the front ("Matrix, The" and "The Matrix" both give "the matrix").
     */
    public static String normalize(String title) {
        String text = title.strip();
        Matcher article = TRAILING_ARTICLE.matcher(text);
        if (article.matches()) {
            text = article.group(2) + " " + article.group(1);
        }
        text = DIACRITICS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        text = text.replace("&", " and ").toLowerCase(Locale.ROOT);
        return NON_ALPHANUMERIC.matcher(text).replaceAll(" ").strip();
    }
}
