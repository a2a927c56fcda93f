package org.movierec.etl.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.movierec.core.Titles;
import org.movierec.etl.EtlJobTest;

/** Linking the loaded sources, after loading MovieLens, the catalogs, IMDb and TMDB for real. */
class LinkJobTest extends EtlJobTest {

    @Test
    void linksCatalogTitlesToMoviesByTitleAndYearAndReportsIt() throws Exception {
        assertThat(run("movielens", "--input=" + dataSet("ml-latest-small"))).isZero();
        assertThat(run("catalog", "--input=" + kaggleCatalogs())).isZero();

        assertThat(run("link")).isZero();

        // Worked out independently: every (catalog title, movie) with the same normalised title and year.
        Set<String> expected = new HashSet<>();
        List<Map<String, Object>> movies = jdbc.queryForList("select movie_id, title, year from movies where year is not null");
        for (Map<String, Object> title : jdbc.queryForList("select title_id, title, release_year from catalog_titles")) {
            movies.stream()
                    .filter(m -> m.get("year").equals(title.get("release_year"))
                            && Titles.normalize((String) m.get("title")).equals(Titles.normalize((String) title.get("title"))))
                    .mapToInt(m -> (Integer) m.get("movie_id")).min()
                    .ifPresent(movieId -> expected.add(title.get("title_id") + "->" + movieId));
        }
        assertThat(expected).isNotEmpty();
        assertThat(jdbc.queryForList("select title_id || '->' || movie_id from catalog_title_movies", String.class))
                .containsExactlyInAnyOrderElementsOf(expected);
        // Netflix s5795 "Louis C.K.: Hilarious" (2010) is MovieLens 86345 "Louis C.K.: Hilarious (2010)"
        assertThat(jdbc.queryForObject("select movie_id from catalog_title_movies where title_id = 'ns5795'", Integer.class))
                .isEqualTo(86345);
        long titles = count("select count(*) from catalog_titles");
        assertThat(lastStats("catalog_title_movies")).containsEntry("source", "link").containsEntry("rows_read", titles)
                .containsEntry("inserted", (long) expected.size());
    }

    @Test
    void aSecondLinkChangesNothingAndAVanishedTitleLosesItsLink() throws Exception {
        assertThat(run("movielens", "--input=" + dataSet("ml-latest-small"))).isZero();
        assertThat(run("catalog", "--input=" + kaggleCatalogs())).isZero();
        assertThat(run("link")).isZero();
        long links = count("select count(*) from catalog_title_movies");

        assertThat(run("link")).isZero();
        assertThat(lastStats("catalog_title_movies")).containsEntry("inserted", 0L).containsEntry("updated", 0L)
                .containsEntry("unchanged", links).containsEntry("deleted", 0L);

        jdbc.update("delete from catalog_titles where title_id = 'ns5795'");
        assertThat(run("link")).isZero();
        assertThat(lastStats("catalog_title_movies")).containsEntry("deleted", 1L);
    }

    @Test
    void movieLensMoviesReachImdbAndTmdbThroughTheirLinks() throws Exception {
        assertThat(run("movielens", "--input=" + dataSet("ml-latest-small"))).isZero();
        assertThat(run("imdb", "--input=" + fixture("imdb"))).isZero();
        assertThat(run("link")).isZero();

        // MovieLens 58559 (The Dark Knight), links.csv imdbId 0468569: the fixture's title of that id
        assertThat(jdbc.queryForObject("""
                select t.primary_title from movie_links l join imdb_titles t on t.tconst = l.imdb_id
                 where l.movie_id = 58559""", String.class)).isEqualTo("The Night Warden");
    }
}
