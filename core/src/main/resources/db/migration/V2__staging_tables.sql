-- Staging tables: each load COPYs parsed rows here (with the input line they came from), then
-- merges them set-wise into the table of the same name in the public schema. Unlogged: they
-- are scratch space, rebuilt by every run; a load checks their row count before merging.
create schema staging;

create unlogged table staging.movies          (line_no bigint not null, like public.movies);
create unlogged table staging.movie_links     (line_no bigint not null, like public.movie_links);
create unlogged table staging.users           (line_no bigint not null, like public.users including defaults);
create unlogged table staging.ratings         (line_no bigint not null, like public.ratings);
create unlogged table staging.tags            (line_no bigint not null, like public.tags);

create unlogged table staging.imdb_titles     (line_no bigint not null, like public.imdb_titles);
create unlogged table staging.imdb_ratings    (line_no bigint not null, like public.imdb_ratings);
create unlogged table staging.imdb_crew       (line_no bigint not null, like public.imdb_crew);
create unlogged table staging.imdb_principals (line_no bigint not null, like public.imdb_principals);
create unlogged table staging.imdb_names      (line_no bigint not null, like public.imdb_names);

create unlogged table staging.catalog_titles  (line_no bigint not null, like public.catalog_titles);
create unlogged table staging.catalog_ratings (line_no bigint not null, like public.catalog_ratings);

create unlogged table staging.tmdb_movies          (line_no bigint not null, like public.tmdb_movies);
create unlogged table staging.tmdb_movie_genres    (line_no bigint not null, like public.tmdb_movie_genres);
create unlogged table staging.tmdb_movie_companies (line_no bigint not null, like public.tmdb_movie_companies);
create unlogged table staging.tmdb_movie_countries (line_no bigint not null, like public.tmdb_movie_countries);
create unlogged table staging.tmdb_movie_languages (line_no bigint not null, like public.tmdb_movie_languages);
create unlogged table staging.tmdb_cast            (line_no bigint not null, like public.tmdb_cast);
create unlogged table staging.tmdb_directors       (line_no bigint not null, like public.tmdb_directors);
