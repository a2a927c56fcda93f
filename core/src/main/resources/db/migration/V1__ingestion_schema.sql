-- Source-of-truth tables written by etl-batch, the load bookkeeping, and the staging tables
-- the loads COPY into before merging set-wise.

-- MovieLens -----------------------------------------------------------------------------------
create table movies (
    movie_id    integer primary key,
    title       text    not null,            -- title without the trailing "(year)"
    title_key   text    not null,            -- normalised title for matching across sources (core Titles)
    year        smallint,                    -- parsed from "Toy Story (1995)", null when absent
    genres      text[]  not null default '{}'
);

create index movies_title_key on movies (title_key, year);

create table movie_links (
    movie_id integer primary key,
    imdb_id  text,                            -- "tt" + 7-digit zero-padded imdbId, joins imdb_titles.tconst
    tmdb_id  integer                          -- joins tmdb_movies.tmdb_id
);
create index movie_links_imdb_id on movie_links (imdb_id);
create index movie_links_tmdb_id on movie_links (tmdb_id);

-- Users of every origin: MovieLens users keep their ids (below 1,000,000,000, which the ETL
-- enforces); the platform's own users take theirs from platform_user_id_seq, so they never meet.
create table users (
    user_id    bigint primary key,
    origin     text   not null default 'movielens',
    gender     text,                          -- ml-1m / ml-100k demographics, null elsewhere
    age        smallint,
    occupation text,
    zip_code   text
);

create sequence platform_user_id_seq start with 1000000000;

create table ratings (
    user_id  bigint      not null,
    movie_id integer     not null,
    rating   real        not null check (rating >= 0.5 and rating <= 5.0),
    rated_at timestamptz not null,
    primary key (user_id, movie_id)
);

create table tags (
    user_id   bigint      not null,
    movie_id  integer     not null,
    tag       text        not null,
    tagged_at timestamptz not null,
    primary key (user_id, movie_id, tag)
);

-- IMDb (non-commercial datasets) -------------------------------------------------------------
create table imdb_titles (
    tconst          text primary key,
    title_type      text not null,
    primary_title   text,
    original_title  text,
    is_adult        boolean,
    start_year      smallint,
    end_year        smallint,
    runtime_minutes integer,
    genres          text[] not null default '{}'
);

create table imdb_ratings (
    tconst         text primary key,
    average_rating real    not null,
    num_votes      integer not null
);

create table imdb_crew (
    tconst text not null,
    role   text not null check (role in ('director', 'writer')),
    nconst text not null,
    primary key (tconst, role, nconst)
);
create index imdb_crew_nconst on imdb_crew (nconst);

create table imdb_principals (
    tconst     text     not null,
    ordering   smallint not null,
    nconst     text     not null,
    category   text,
    job        text,
    characters text,
    primary key (tconst, ordering)
);
create index imdb_principals_nconst on imdb_principals (nconst);

create table imdb_names (
    nconst             text primary key,
    primary_name       text,
    birth_year         smallint,
    death_year         smallint,
    primary_profession text[] not null default '{}',
    known_for_titles   text[] not null default '{}'
);

-- Streaming-platform catalogs (Amazon Prime, Disney+, Hulu, Netflix) -------------------------
create table catalog_titles (
    title_id      text primary key,            -- first letter of the platform + show_id: "as123"
    platform      text     not null,            -- amazon | disney | hulu | netflix
    show_id       text     not null,
    type          text     not null,            -- "movie" | "tv show" (lower-case like every text field)
    title         text     not null,
    title_key     text     not null,            -- normalised title, matched with movies.title_key
    directors     text[]   not null default '{}',
    cast_members  text[]   not null default '{}',
    countries     text[]   not null default '{}',
    date_added    date,
    release_year  smallint,
    rating        text     not null,            -- age rating; "g" when the source has none
    duration_int  integer,
    duration_type text check (duration_type in ('min', 'season')),
    listed_in     text[]   not null default '{}',
    description   text
);
create index catalog_titles_platform on catalog_titles (platform);
create index catalog_titles_title_key on catalog_titles (title_key, release_year);

-- Per-platform user ratings of catalog titles (userId,rating,timestamp,movieId = catalog id).
create table catalog_ratings (
    user_id     bigint      not null,
    title_id    text        not null,
    rating      real        not null,
    rated_at    timestamptz,
    source_file text        not null,          -- the ratings file it came from ("ratings/1.csv"); each file
                                               -- is merged on its own, scoped on this column
    primary key (user_id, title_id)
);

-- TMDB "The Movies Dataset" -------------------------------------------------------------------
create table tmdb_movies (
    tmdb_id           integer primary key,
    imdb_id           text,
    title             text,
    original_title    text,
    original_language text,
    overview          text,
    tagline           text,
    status            text,
    adult             boolean,
    release_date      date    not null,
    release_year      smallint not null,
    budget            bigint  not null default 0,
    revenue           bigint  not null default 0,
    return            double precision not null default 0,   -- revenue / budget, 0 when budget is 0
    popularity        double precision,
    vote_average      real,
    vote_count        integer,
    runtime           real,
    collection_id     integer,
    collection_name   text
);

create table tmdb_movie_genres (
    tmdb_id integer not null, genre_id integer not null, name text not null,
    primary key (tmdb_id, genre_id));
create table tmdb_movie_companies (
    tmdb_id integer not null, company_id integer not null, name text not null,
    primary key (tmdb_id, company_id));
create table tmdb_movie_countries (
    tmdb_id integer not null, iso_3166_1 text not null, name text not null,
    primary key (tmdb_id, iso_3166_1));
create table tmdb_movie_languages (
    tmdb_id integer not null, iso_639_1 text not null, name text not null,
    primary key (tmdb_id, iso_639_1));
create table tmdb_cast (
    tmdb_id    integer not null,
    credit_id  text    not null,
    person_id  integer not null,
    name       text    not null,
    character  text,
    cast_order integer,
    primary key (tmdb_id, credit_id));
create index tmdb_cast_name on tmdb_cast (lower(name));
create table tmdb_directors (
    tmdb_id   integer not null,
    person_id integer not null,
    name      text    not null,
    primary key (tmdb_id, person_id));
create index tmdb_directors_name on tmdb_directors (lower(name));

-- Links between sources (written by the link job) ---------------------------------------------
create table catalog_title_movies (
    title_id text    primary key,
    movie_id integer not null
);
create index catalog_title_movies_movie_id on catalog_title_movies (movie_id);

-- Load bookkeeping ----------------------------------------------------------------------------
-- One row per source table per run: what was read and what it changed.
create table etl_load_stats (
    id               bigserial primary key,
    run_id           bigint,                  -- Spring Batch job instance id; null for a no-op run
    source           text        not null,    -- movielens | imdb | catalog | tmdb | link
    feed             text        not null,    -- the kind of input file ("ratings", "netflix", "title.basics")
    table_name       text        not null,
    input            text,                    -- the file the table was loaded from
    input_checksum   text,                    -- sha-256 of that file
    status           text        not null check (status in ('LOADED', 'UNCHANGED')),
    rows_read        bigint      not null default 0,
    inserted         bigint      not null default 0,
    updated          bigint      not null default 0,
    unchanged        bigint      not null default 0,
    deleted          bigint      not null default 0,
    rejected         bigint      not null default 0,
    skipped          bigint      not null default 0,   -- left out by a rule (title type, no release date)
    repaired         bigint      not null default 0,
    duration_ms      bigint      not null default 0,
    finished_at      timestamptz not null default now()
);
create index etl_load_stats_feed on etl_load_stats (source, feed, table_name, id desc);

-- Malformed input rows, kept with where they came from and why they were refused.
create table etl_rejects (
    id          bigserial primary key,
    run_id      bigint      not null,
    source      text        not null,
    file        text        not null,
    line_no     bigint      not null,
    raw         text        not null,
    reason      text        not null,
    rejected_at timestamptz not null default now()
);
create index etl_rejects_run on etl_rejects (run_id);

-- Rows that were repaired on the way in (for example a duration found in the rating column).
create table etl_repairs (
    id          bigserial primary key,
    run_id      bigint      not null,
    source      text        not null,
    file        text        not null,
    line_no     bigint      not null,
    record_key  text        not null,
    repair      text        not null,
    repaired_at timestamptz not null default now()
);
create index etl_repairs_run on etl_repairs (run_id);
