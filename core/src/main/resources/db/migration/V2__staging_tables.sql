-- Staging tables: each load COPYs parsed rows here (with the input line they came from, or none
-- for an initial load into an empty table, whose staging table then replaces the target), then
-- merges them set-wise into the table of the same name in the public schema.
-- They are scratch space, emptied by every run; a load checks their row count before merging.
create schema staging;

create table staging.movies          (line_no bigint, like public.movies);
create table staging.movie_links     (line_no bigint, like public.movie_links);
create table staging.users           (line_no bigint, like public.users including defaults);
create table staging.ratings         (line_no bigint, like public.ratings);
-- The users met in a ratings file, noted once per run of lines by the same user.
create table staging.rating_users    (line_no bigint, user_id bigint not null);
create table staging.tags            (line_no bigint, like public.tags);

create table staging.imdb_titles     (line_no bigint, like public.imdb_titles);
create table staging.imdb_ratings    (line_no bigint, like public.imdb_ratings);
create table staging.imdb_crew       (line_no bigint, like public.imdb_crew);
create table staging.imdb_principals (line_no bigint, like public.imdb_principals);
create table staging.imdb_names      (line_no bigint, like public.imdb_names);

create table staging.catalog_titles  (line_no bigint, like public.catalog_titles);
create table staging.catalog_ratings (line_no bigint, like public.catalog_ratings);

create table staging.tmdb_movies          (line_no bigint, like public.tmdb_movies);
create table staging.tmdb_movie_genres    (line_no bigint, like public.tmdb_movie_genres);
create table staging.tmdb_movie_companies (line_no bigint, like public.tmdb_movie_companies);
create table staging.tmdb_movie_countries (line_no bigint, like public.tmdb_movie_countries);
create table staging.tmdb_movie_languages (line_no bigint, like public.tmdb_movie_languages);
create table staging.tmdb_cast            (line_no bigint, like public.tmdb_cast);
create table staging.tmdb_directors       (line_no bigint, like public.tmdb_directors);
