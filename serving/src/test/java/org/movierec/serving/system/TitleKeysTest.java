package org.movierec.serving.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The title normaliser, PostgreSQL's {@code title_match_key} and {@code title_match_names} (migration V9), called
 * through {@link TitleKeys} and directly on the real test database ({@code -Dtest.db.url}, migrated here), on
 * titles as MovieLens, TMDB and people write them.
 */
@Tag("integration")
class TitleKeysTest {

    private static JdbcClient jdbc;
    private static TitleKeys keys;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                System.getProperty("test.db.url", "jdbc:postgresql://localhost:5432/movies_test"), "movies", "movies");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        keys = new TitleKeys(jdbc);
    }

    private static List<String> names(String title) {
        String[] names = jdbc.sql("select title_match_names(:title)").param("title", title)
                .query((rs, row) -> (String[]) rs.getArray(1).getArray()).single();
        return Arrays.asList(names);
    }

    @Test
    void theArticleMovedToTheEndComesBackToTheFront() {
        assertThat(keys.key("Matrix, The")).isEqualTo("the matrix");
        assertThat(keys.key("The Matrix")).isEqualTo("the matrix");
        assertThat(keys.key("the matrix")).isEqualTo("the matrix");
        assertThat(keys.key("Good, the Bad and the Ugly, The")).isEqualTo("the good the bad and the ugly");
        assertThat(keys.key("Misérables, Les")).isEqualTo("les miserables");
        assertThat(keys.key("Postino, Il")).isEqualTo("il postino");
        assertThat(keys.key("Sjunde inseglet, Det")).isEqualTo("det sjunde inseglet");
        assertThat(keys.key("Bambini ci guardano, I")).isEqualTo("i bambini ci guardano");
        assertThat(keys.key("Pure Formality, A")).isEqualTo("a pure formality");
        assertThat(keys.key("Andalusian Dog, An")).isEqualTo("an andalusian dog");
        assertThat(keys.key("Blechtrommel, Die")).isEqualTo("die blechtrommel");
        assertThat(keys.key("Imposible, Lo")).isEqualTo("lo imposible");
    }

    @Test
    void lElisionJoinsTheWordAsPeopleWriteIt() {
        assertThat(keys.key("Avventura, L'")).isEqualTo("lavventura");
        assertThat(keys.key("L'Avventura")).isEqualTo("lavventura");
        assertThat(keys.key("L’avventura")).isEqualTo("lavventura");
    }

    @Test
    void aCommaThatIsNotBeforeAnArticleStays() {
        assertThat(keys.key("Crouching Tiger, Hidden Dragon")).isEqualTo("crouching tiger hidden dragon");
        assertThat(keys.key("Daddy, I'm A Zombie")).isEqualTo("daddy im a zombie");
        assertThat(keys.key("Paris, Texas")).isEqualTo("paris texas");
    }

    @Test
    void caseAccentsApostrophesAndPunctuationDoNotCount() {
        assertThat(keys.key("Amélie")).isEqualTo("amelie");
        assertThat(keys.key("AMELIE")).isEqualTo("amelie");
        assertThat(keys.key("Schindler's List")).isEqualTo(keys.key("Schindlers List"));
        assertThat(keys.key("Spider-Man: Far From Home")).isEqualTo("spider man far from home");
        assertThat(keys.key("  WALL·E ")).isEqualTo("wall e");
        assertThat(keys.key("Fast & Furious")).isEqualTo("fast and furious");
        assertThat(keys.key("Dr. Strangelove")).isEqualTo(keys.key("dr strangelove"));
        assertThat(keys.key("Grønne slagtere, De")).isEqualTo("de gronne slagtere");
        assertThat(keys.key("Ærø, Œuvre, Straße")).isEqualTo("aero oeuvre strasse");
        assertThat(keys.key("Ωμέγα")).as("other scripts keep their letters, lower case").isEqualTo("ωμεγα");
        assertThat(keys.key("千と千尋の神隠し")).isEqualTo("千と千尋の神隠し");
    }

    @Test
    void aTextWithoutLettersOrDigitsHasAnEmptyKey() {
        assertThat(keys.key("%")).isEmpty();
        assertThat(keys.key(" _\\ ")).isEmpty();
        assertThat(keys.key("")).isEmpty();
        assertThat(keys.key("100%")).isEqualTo("100");
    }

    @Test
    void aTitleIsKnownByEachOfItsNames() {
        assertThat(names("Matrix, The")).containsExactly("the matrix");
        assertThat(names("Amélie (Fabuleux destin d'Amélie Poulain, Le)"))
                .containsExactly("amelie", "amelie fabuleux destin damelie poulain le", "le fabuleux destin damelie poulain");
        assertThat(names("Seven (a.k.a. Se7en)")).containsExactly("seven", "seven a k a se7en", "se7en");
        assertThat(names("Léon: The Professional (a.k.a. The Professional) (Léon)")).containsExactly(
                "leon the professional", "leon the professional a k a the professional leon", "the professional", "leon");
        assertThat(names("City of Lost Children, The (Cité des enfants perdus, La)")).containsExactly(
                "the city of lost children", "city of lost children the cite des enfants perdus la",
                "la cite des enfants perdus");
        assertThat(names("(500) Days of Summer")).as("only trailing parts are other names")
                .containsExactly("500 days of summer");
        assertThat(names("%")).isEmpty();
        assertThat(jdbc.sql("select title_match_search(:title)").param("title", "Seven (a.k.a. Se7en)")
                .query(String.class).single()).isEqualTo("seven / seven a k a se7en / se7en");
    }
}
