package org.movierec.etl.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.movierec.etl.EtlJobTest;

/**
 * The bundled demo catalogs (data/sample/streaming-titles, written by its generate.py) load whole and link
 * to the bundled MovieLens sample on every platform: films that link, films that link to nothing, series,
 * and the platform users' ratings of them.
 */
class DemoCatalogTest extends EtlJobTest {

    private static final Path DEMO = SAMPLE_DATA.resolve("streaming-titles");

    @Test
    void everyRowLoadsWithoutRejectOrRepairAndEveryPlatformHasLinkedFilmsSeriesAndRatings() throws Exception {
        assertThat(run("movielens", "--input=" + SAMPLE_DATA.resolve("ml-latest-small"))).isZero();
        assertThat(run("catalog", "--input=" + DEMO)).isZero();
        assertThat(run("link")).isZero();

        assertThat(count("select count(*) from etl_rejects")).isZero();
        assertThat(count("select count(*) from etl_repairs")).isZero();
        long records = 0;
        for (Platform platform : Platform.values()) {
            int rows = csvRecords(DEMO.resolve(platform.fileName())).size();
            records += rows;
            assertThat(count("select count(*) from catalog_titles where platform = ?", platform.label()))
                    .as(platform.label()).isEqualTo(rows);
            assertThat(count("""
                    select count(*) from catalog_titles t join catalog_title_movies l using (title_id)
                     where t.platform = ? and t.type = 'movie'""", platform.label())).as(platform.label() + " linked films")
                    .isGreaterThanOrEqualTo(30);
            assertThat(count("""
                    select count(*) from catalog_titles t left join catalog_title_movies l using (title_id)
                     where t.platform = ? and t.type = 'movie' and l.title_id is null""", platform.label()))
                    .as(platform.label() + " films that link to nothing").isPositive();
            assertThat(count("select count(*) from catalog_titles where platform = ? and type = 'tv show' "
                    + "and duration_type = 'season'", platform.label())).as(platform.label() + " series").isPositive();
        }
        assertThat(records).isBetween(300L, 500L);
        assertThat(count("select count(*) from catalog_title_movies l join catalog_titles t using (title_id) "
                + "where t.type = 'tv show'")).as("made-up series link to nothing").isZero();

        long ratings = 0;
        try (Stream<Path> files = Files.list(DEMO.resolve("ratings"))) {
            for (Path file : files.sorted().toList()) {
                ratings += csvRecords(file).size();
            }
        }
        assertThat(count("select count(*) from catalog_ratings")).isEqualTo(ratings).isPositive();
        assertThat(count("select count(*) from catalog_ratings r left join catalog_titles t using (title_id) "
                + "where t.title_id is null")).as("ratings of titles of the catalogs").isZero();
        for (String platform : List.of("amazon", "disney", "hulu", "netflix")) {
            assertThat(count("select count(distinct title_id) from catalog_ratings where left(title_id, 1) = left(?, 1)",
                    platform)).as(platform + " titles rated").isPositive();
        }
    }
}
