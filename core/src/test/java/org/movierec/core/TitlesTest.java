package org.movierec.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitlesTest {

    @Test
    void splitsTheTrailingYear() {
        assertThat(Titles.splitYear("Toy Story (1995)")).isEqualTo(new Titles.TitleYear("Toy Story", 1995));
        assertThat(Titles.splitYear("  Heat (1995) ")).isEqualTo(new Titles.TitleYear("Heat", 1995));
        assertThat(Titles.splitYear("City of Lost Children, The (Cité des enfants perdus, La) (1995)"))
                .isEqualTo(new Titles.TitleYear("City of Lost Children, The (Cité des enfants perdus, La)", 1995));
        assertThat(Titles.splitYear("Death Note: Desu nôto (2006–2007)")).isEqualTo(new Titles.TitleYear("Death Note: Desu nôto", 2006));
        assertThat(Titles.splitYear("Stranger Things (2016-)")).isEqualTo(new Titles.TitleYear("Stranger Things", 2016));
    }

    @Test
    void aTitleWithoutYearKeepsNone() {
        assertThat(Titles.splitYear("Babylon 5")).isEqualTo(new Titles.TitleYear("Babylon 5", null));
        assertThat(Titles.splitYear("1984")).isEqualTo(new Titles.TitleYear("1984", null));
        assertThat(Titles.splitYear("(1995)")).isEqualTo(new Titles.TitleYear("(1995)", null));
    }

    @Test
    void normalizesForMatchingAcrossSources() {
        assertThat(Titles.normalize("Matrix, The")).isEqualTo("the matrix");
        assertThat(Titles.normalize("The Matrix")).isEqualTo("the matrix");
        assertThat(Titles.normalize("Misérables, Les")).isEqualTo("les miserables");
        assertThat(Titles.normalize("Dick Johnson Is Dead")).isEqualTo("dick johnson is dead");
        assertThat(Titles.normalize("Spider-Man: Far From Home")).isEqualTo("spider man far from home");
        assertThat(Titles.normalize("Fast & Furious")).isEqualTo("fast and furious");
        assertThat(Titles.normalize("  WALL·E ")).isEqualTo("wall e");
    }
}
