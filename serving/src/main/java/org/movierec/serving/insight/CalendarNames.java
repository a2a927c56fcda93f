package org.movierec.serving.insight;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Month and weekday names in Spanish or English, any case, with or without accents:
 * {@code enero}, {@code January}, {@code miércoles}, {@code miercoles}, {@code Wednesday}. Spanish
 * {@code setiembre} is accepted beside {@code septiembre}. Numbers and abbreviations are not names.
 */
final class CalendarNames {

    private static final Locale SPANISH = Locale.forLanguageTag("es");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Map<String, Month> MONTHS = new HashMap<>();
    private static final Map<String, DayOfWeek> WEEKDAYS = new HashMap<>();

    static {
        for (Month month : Month.values()) {
            MONTHS.put(key(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH)), month);
            MONTHS.put(key(month.getDisplayName(TextStyle.FULL, SPANISH)), month);
        }
        MONTHS.put("setiembre", Month.SEPTEMBER);
        for (DayOfWeek day : DayOfWeek.values()) {
            WEEKDAYS.put(key(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)), day);
            WEEKDAYS.put(key(day.getDisplayName(TextStyle.FULL, SPANISH)), day);
        }
    }

    private CalendarNames() {
    }

    static Month month(String name) {
        Month month = MONTHS.get(key(name));
        if (month == null) {
            throw new InvalidParameterException("month", "a month name in Spanish or English, like 'enero' or 'January'",
                    name);
        }
        return month;
    }

    static DayOfWeek weekday(String name) {
        DayOfWeek day = WEEKDAYS.get(key(name));
        if (day == null) {
            throw new InvalidParameterException("weekday",
                    "a weekday name in Spanish or English, like 'miércoles' or 'Wednesday'", name);
        }
        return day;
    }

    /** Lower-case, accents removed, blanks around removed. */
    private static String key(String name) {
        String decomposed = Normalizer.normalize(name.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
