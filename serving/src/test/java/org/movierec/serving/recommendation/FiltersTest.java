package org.movierec.serving.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.movierec.serving.system.InvalidParameterException;

class FiltersTest {

    private static final Movie HEAT = new Movie(3, "Heat", 1995, List.of("Action", "Crime"), List.of("netflix"));
    private static final Movie UNDATED = new Movie(9, "Undated", null, List.of("Crime"), List.of());

    @Test
    void noFilterAcceptsEverything() {
        Filters any = Filters.of(null, null, null, " ");
        assertThat(any.accepts(HEAT)).isTrue();
        assertThat(any.accepts(UNDATED)).isTrue();
    }

    @Test
    void genreYearsAndPlatformsMustAllHold() {
        assertThat(Filters.of("crime", null, null, null).accepts(HEAT)).isTrue();
        assertThat(Filters.of("comedy", null, null, null).accepts(HEAT)).isFalse();
        assertThat(Filters.of(null, 1995, 1995, null).accepts(HEAT)).isTrue();
        assertThat(Filters.of(null, 1996, null, null).accepts(HEAT)).isFalse();
        assertThat(Filters.of(null, null, 1994, null).accepts(HEAT)).isFalse();
        assertThat(Filters.of(null, null, 2000, null).accepts(UNDATED)).isFalse();
        assertThat(Filters.of(null, null, null, "hulu,NETFLIX").accepts(HEAT)).isTrue();
        assertThat(Filters.of(null, null, null, "hulu").accepts(HEAT)).isFalse();
        assertThat(Filters.of(null, null, null, "netflix").accepts(UNDATED)).isFalse();
    }

    @Test
    void badValuesNameTheirParameter() {
        assertThatThrownBy(() -> Filters.of(null, null, null, "netflix,,hulu"))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("platform: expected amazon");
        assertThatThrownBy(() -> Filters.of(null, null, null, "hbo"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("got 'hbo'");
        assertThatThrownBy(() -> Filters.of(null, 2001, 2000, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageStartingWith("yearTo: must not be before");
    }
}
