-- ratings becomes a table partitioned by user id in ranges of 25,000 users (ratings_p00 holds users below 25,000,
-- ratings_p01 the next 25,000, ..., ratings_p15 every user from 375,000 up, the platform's own users included: their
-- ids start at 1,000,000,000). The primary key stays (user_id, movie_id); each partition has its own part of it.
--
-- Why: a first load of a ratings file sorted by user (every MovieLens CSV release) can build each partition's key
-- while the following users' rows are still being copied, instead of one index build over every row at the end
-- (etl-batch: EarlyKeys). Reads by user touch one partition; whole-table reads (training) read them all.
--
-- staging.ratings gets the same partitions, without keys, autovacuum off (as V6). Existing ratings are moved over in
-- this migration: on a large table it takes about as long as a load.
create table ratings_partitioned (
    user_id  bigint      not null,
    movie_id integer     not null,
    rating   real        not null constraint ratings_rating_check check (rating >= 0.5 and rating <= 5.0),
    rated_at timestamptz not null
) partition by range (user_id);

create table staging.ratings_partitioned (line_no bigint, like ratings_partitioned including constraints)
    partition by range (user_id);

do $$
declare
    part int;
    lower_bound text;
    upper_bound text;
begin
    for part in 0..15 loop
        lower_bound := case when part = 0 then 'minvalue' else (part * 25000)::text end;
        upper_bound := case when part = 15 then 'maxvalue' else ((part + 1) * 25000)::text end;
        execute format('create table %I partition of ratings_partitioned for values from (%s) to (%s)',
                       format('ratings_p%s', lpad(part::text, 2, '0')), lower_bound, upper_bound);
        execute format('create table staging.%I partition of staging.ratings_partitioned for values from (%s) to (%s) '
                       'with (autovacuum_enabled = false, toast.autovacuum_enabled = false)',
                       format('ratings_p%s', lpad(part::text, 2, '0')), lower_bound, upper_bound);
    end loop;
end
$$;

insert into ratings_partitioned (user_id, movie_id, rating, rated_at)
select user_id, movie_id, rating, rated_at from ratings;
drop table ratings;
alter table ratings_partitioned rename to ratings;
alter table ratings add constraint ratings_pkey primary key (user_id, movie_id);
analyze ratings;

drop table staging.ratings;
alter table staging.ratings_partitioned rename to ratings;

comment on table ratings is 'Ratings of movies by users, partitioned by user id in ranges of 25,000 users (V12).';
