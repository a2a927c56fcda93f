-- rebuild_movie_rating_stats() (V7, V10) aggregated the ratings inside INSERT ... SELECT, which PostgreSQL runs on one
-- process; the aggregate now goes into a temporary table first (CREATE TABLE AS may use parallel workers), and is then
-- inserted. At ml-32m size (32 million ratings, 87,585 movies) in psql on 2 cores: 5.9-6.1 s against 9.2 s; the
-- aggregate alone, 4.2 s.
create or replace function rebuild_movie_rating_stats() returns bigint
language plpgsql as $$
declare
    rated bigint;
begin
    lock table movie_rating_stats in exclusive mode;
    drop table if exists pg_temp.movie_rating_stats_rebuilt;
    create temporary table movie_rating_stats_rebuilt on commit drop as
    select movie_id, count(*) as ratings, sum(rating::double precision) as rating_sum,
           count(*) filter (where rating >= 3.5) as liked
      from ratings group by movie_id;
    delete from movie_rating_stats;
    insert into movie_rating_stats (movie_id, ratings, rating_sum, liked)
    select movie_id, ratings, rating_sum, liked from movie_rating_stats_rebuilt;
    get diagnostics rated = row_count;
    drop table movie_rating_stats_rebuilt;
    return rated;
end
$$;
comment on function rebuild_movie_rating_stats() is
    'Rewrites movie_rating_stats from one aggregate of ratings; returns the number of rated movies (V7, liked V10, '
    'aggregated apart from the insert V13).';
