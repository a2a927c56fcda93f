-- movie_rating_stats (V5) is kept by the writers of ratings from now on, no longer rewritten by each
-- serving instance whenever it reads its catalogue (one aggregate of the whole ratings table per
-- instance, per start and per model swap, which grew with the number of instances):
--   * the ingestion (etl-batch) rebuilds it from one aggregate of the ratings at the end of a load
--     that changed the ratings, in the transaction that merges them;
--   * serving adds, changes or removes one rating's share in the transaction that writes the
--     rating (and the share of every rating of a user it deletes).
-- Serving instances only read it. A rating written through the API counts at once.
--
-- rebuild_movie_rating_stats() is the rebuild, here so that the ingestion, this migration and the
-- tests that write ratings directly run the same one. The two writers never overwrite each other's
-- work: the rebuild first takes the table in EXCLUSIVE mode (readers go on, writers wait until the
-- rebuild's transaction commits), and only then aggregates the ratings, with a fresh snapshot that
-- sees every rating committed before it; serving writes a rating before its share, so a rating
-- write that the rebuild does not see yet adds its share after the rebuild commits.
create function rebuild_movie_rating_stats() returns bigint
language plpgsql as $$
declare
    rated bigint;
begin
    lock table movie_rating_stats in exclusive mode;
    delete from movie_rating_stats;
    insert into movie_rating_stats (movie_id, ratings, rating_sum)
    select movie_id, count(*), sum(rating::double precision) from ratings group by movie_id;
    get diagnostics rated = row_count;
    return rated;
end
$$;
comment on function rebuild_movie_rating_stats() is
    'Rewrites movie_rating_stats from one aggregate of ratings; returns the number of rated movies (V7).';

comment on table movie_rating_stats is
    'Number and sum of the ratings of each rated movie (no row: no rating). Rebuilt by the ingestion after a '
    'ratings load, updated by serving with each rating it writes (V7); serving instances only read it.';

-- Exact from now on, whoever wrote it last.
select rebuild_movie_rating_stats();
