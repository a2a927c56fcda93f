package org.movierec.etl;

/** The --help text. */
final class Usage {

    static final String TEXT = """
            Usage: java -jar etl-batch.jar SOURCE [options]

            Loads one source into PostgreSQL (SPRING_DATASOURCE_URL, _USERNAME, _PASSWORD). A run on input
            that did not change since the last load returns at once; a run that was interrupted (even killed)
            resumes where it stopped when started again with the same input.

            Sources:
              movielens   MovieLens, any official release: ml-latest(-small), ml-20m/25m/32m (CSV),
                          ml-1m/ml-10m (::-separated .dat) and ml-100k (u.data, u.item, u.user).
                          Default input: https://files.grouplens.org/datasets/movielens/ml-latest-small.zip
              imdb        IMDb non-commercial TSV files (title.basics, title.ratings, title.crew,
                          title.principals, name.basics; .tsv or .tsv.gz).
                          Default input: the five .tsv.gz files of https://datasets.imdbws.com/
              catalog     Streaming catalogs, any of amazon_prime_titles.csv, disney_plus_titles.csv, hulu_titles.csv,
                          netflix_titles.csv (each replaces its platform's titles), and user ratings in
                          ratings/*.csv (userId,rating,timestamp,movieId; added or updated, never deleted).
                          No public download: --input is required.
              tmdb        TMDB from Kaggle, either layout (one per folder): "The Movies Dataset", movies_metadata.csv
                          and credits.csv, or "TMDB 5000 Movie Dataset", tmdb_5000_movies.csv and
                          tmdb_5000_credits.csv. --input is required.
              link        Links the loaded sources: MovieLens to IMDb and TMDB, catalog titles to movies.

            Options:
              --input=LOCATION        a directory, a .zip archive, or http(s) URLs (comma-separated); downloads
                                      are cached and fetched again only when the server says they changed
              --force                 load every file even when its checksum matches the last load
              --fresh                 start a new run instead of resuming an interrupted one
              --max-rejects=N         malformed records tolerated per file before the run fails (default 1000)
              --chunk-size=N          records per transaction while staging, in blocks of 1000 (default 250000)
              --imdb-title-types=T,…  IMDb title types to load with their people
                                      (default movie,tvSeries,tvMiniSeries,tvMovie)
              --etl.cache-dir=DIR     download and extraction cache (default ~/.cache/movierec-etl)
              --help                  this text

            Exit codes: 0 loaded or nothing to do, 1 the job failed, 2 wrong usage, 3 bad or missing input.
            """;

    private Usage() {
    }
}
