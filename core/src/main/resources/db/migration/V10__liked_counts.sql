-- The cold-start ranking (what a user without ratings is shown) becomes the number of each movie's ratings
-- at or above 3.5, the "liked" threshold of the evaluation: on ml-latest-small's hold-out that count ranks
-- about twice as well (NDCG@10) as the damped mean rating it replaces, which favours titles few people saw.
-- The training's popularity model uses the same definition. The damped mean stays (ratings, rating_sum):
-- it is the prediction for a movie the rating predictor does not know.
alter table movie_rating_stats add column liked integer not null default 0;

create or replace function rebuild_movie_rating_stats() returns bigint
language plpgsql as $$
declare
    rated bigint;
begin
    lock table movie_rating_stats in exclusive mode;
    delete from movie_rating_stats;
    insert into movie_rating_stats (movie_id, ratings, rating_sum, liked)
    select movie_id, count(*), sum(rating::double precision), count(*) filter (where rating >= 3.5)
      from ratings group by movie_id;
    get diagnostics rated = row_count;
    return rated;
end
$$;
comment on function rebuild_movie_rating_stats() is
    'Rewrites movie_rating_stats from one aggregate of ratings; returns the number of rated movies (V7, liked V10).';
comment on column movie_rating_stats.liked is
    'Number of the movie''s ratings at or above 3.5: the cold-start ranking (V10).';

select rebuild_movie_rating_stats();
