package org.movierec.serving.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Month;

import org.junit.jupiter.api.Test;

class CalendarNamesTest {

    @Test
    void readsMonthsInSpanishAndEnglishInAnyCase() {
        assertThat(CalendarNames.month("enero")).isEqualTo(Month.JANUARY);
        assertThat(CalendarNames.month(" January ")).isEqualTo(Month.JANUARY);
        assertThat(CalendarNames.month("SEPTIEMBRE")).isEqualTo(Month.SEPTEMBER);
        assertThat(CalendarNames.month("setiembre")).isEqualTo(Month.SEPTEMBER);
        assertThat(CalendarNames.month("Agosto")).isEqualTo(Month.AUGUST);
    }

    @Test
    void readsWeekdaysWithOrWithoutAccents() {
        assertThat(CalendarNames.weekday("miércoles")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(CalendarNames.weekday("miercoles")).isEqualTo(DayOfWeek.WEDNESDAY);
        assertThat(CalendarNames.weekday("SÁBADO")).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(CalendarNames.weekday("sabado")).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(CalendarNames.weekday("Sunday")).isEqualTo(DayOfWeek.SUNDAY);
        // a decomposed accent (e + combining acute) reads like the composed one
        assertThat(CalendarNames.weekday("mie\u0301rcoles")).isEqualTo(DayOfWeek.WEDNESDAY);
    }

    @Test
    void refusesWhatIsNotAName() {
        assertThatThrownBy(() -> CalendarNames.month("jan")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("month");
        assertThatThrownBy(() -> CalendarNames.month("13")).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> CalendarNames.weekday("")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("weekday");
    }
}
