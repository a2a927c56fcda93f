-- Catalog search of the serving app (GET /api/movies).
--
-- Title search is a case-insensitive substring match, lower(title) like '%text%', answered from a
-- trigram GIN index. pg_trgm ships with PostgreSQL (contrib, part of Debian's postgresql package)
-- and is a trusted extension: the owner of the database (role movies) may create it.
create extension if not exists pg_trgm;
create index movies_title_trgm on movies using gin (lower(title) gin_trgm_ops);

-- Number and sum of the ratings of each rated movie: the serving app's cold-start ranking (damped
-- means) and the catalog search's order (most rated first) and figures, without aggregating the
-- ratings table on every request. The serving app rewrites it from one aggregate of the ratings
-- whenever it reads its catalogue (on start, after a model swap and on a forced reload): the
-- figures are as of then. A plain table, not a view, so that the ingestion can still replace the
-- ratings table.
create table movie_rating_stats (
    movie_id   integer primary key,
    ratings    integer not null,
    rating_sum double precision not null
);
create index movie_rating_stats_ratings on movie_rating_stats (ratings desc, movie_id);
