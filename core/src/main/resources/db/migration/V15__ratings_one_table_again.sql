-- ratings is one table again, as before V12, and user_ratings() (V14) is gone: serving reads a user's ratings with
-- its prepared query, for which PostgreSQL keeps one generic plan.
--
-- Why: on the table partitioned by user (V12) PostgreSQL planned that query again for every request (the generic
-- plan's cost counts every partition), and a generic plan, kept by V14's function, locks every partition and its
-- index each time it runs. Serving's top-10 cost PostgreSQL 0.1 to 0.15 ms more per request and answered 10 to 30 %
-- fewer requests saturated, and the weekly update was 4 to 10 % slower; the partitions only made a first load
-- faster (0.57-0.60 of a raw COPY against 0.46-0.47). docs/benchmarks.md has the runs.
--
-- Existing ratings are moved over (on a large table about as long as a load), and so are rows staged by a load that
-- has not finished yet, so that it can still be restarted.
drop function user_ratings(bigint);

create table ratings_one (
    user_id  bigint      not null,
    movie_id integer     not null,
    rating   real        not null constraint ratings_rating_check check (rating >= 0.5 and rating <= 5.0),
    rated_at timestamptz not null
);
insert into ratings_one (user_id, movie_id, rating, rated_at)
select user_id, movie_id, rating, rated_at from ratings;
drop table ratings;
alter table ratings_one rename to ratings;
alter table ratings add constraint ratings_pkey primary key (user_id, movie_id);
analyze ratings;

-- as V2 and V6 made it: the target's columns and CHECK constraints, no key, autovacuum off
create table staging.ratings_one (line_no bigint, like public.ratings including constraints)
    with (autovacuum_enabled = false, toast.autovacuum_enabled = false);
insert into staging.ratings_one select line_no, user_id, movie_id, rating, rated_at from staging.ratings;
drop table staging.ratings;
alter table staging.ratings_one rename to ratings;
