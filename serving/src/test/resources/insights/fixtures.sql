-- Fixtures of the insight tests, run before each test (@Sql). Small enough to work every answer
-- out by hand; the expected answers are in the comments and in the tests.
-- The shared MovieLens tables are not truncated (other test suites of this database use them):
-- only the rows of movies 900001-900004 are replaced.
truncate catalog_titles, catalog_ratings, catalog_title_movies, tmdb_movies, tmdb_cast, tmdb_directors;
delete from ratings where movie_id between 900001 and 900004;

-- Streaming catalogs ----------------------------------------------------------------------------
insert into catalog_titles (title_id, platform, show_id, type, title, title_key, cast_members, release_year,
                            rating, duration_int, duration_type) values
    ('ns1', 'netflix', 's1', 'movie',   'the long one', 'long one', '{zoe,bob}',  2020, 'pg',  150, 'min'),
    ('ns2', 'netflix', 's2', 'movie',   'aaa tie',      'aaa tie',  '{bob,carl}', 2020, 'pg',  150, 'min'),
    ('ns3', 'netflix', 's3', 'movie',   'longest ever', 'longest ever', '{carl}', 2019, 'r',   200, 'min'),
    ('ns4', 'netflix', 's4', 'tv show', 'saga',         'saga',     '{zoe,dan}',  2020, 'tv-ma', 5, 'season'),
    ('ns5', 'netflix', 's5', 'tv show', 'short saga',   'short saga', '{dan}',    2020, 'tv-ma', 2, 'season'),
    ('ns6', 'netflix', 's6', 'movie',   'unrated',      'unrated',  '{bea,bea}',  2020, 'g',    90, 'min'),
    ('as1', 'amazon',  's1', 'movie',   'river',        'river',    '{eve}',      2020, 'g',   180, 'min'),
    ('as2', 'amazon',  's2', 'movie',   'mountain',     'mountain', '{eve,fay}',  2020, 'g',    95, 'min'),
    ('as3', 'amazon',  's3', 'tv show', 'endless',      'endless',  '{fay}',      2015, 'g',    12, 'season'),
    ('as4', 'amazon',  's4', 'movie',   'three hours',  'three hours', '{}',      2018, 'g',   181, 'min'),
    ('hs1', 'hulu',    's1', 'movie',   'no duration',  'no duration', '{}',      2020, 'g',  null, null),
    ('ds1', 'disney',  's1', 'movie',   'castle',       'castle',   '{gus}',      2021, 'g',   100, 'min');
-- longest min, any year and platform: 'longest ever' (200); netflix 2020: 'aaa tie' and 'the long one'
-- both 150, 'aaa tie' first by title; season: 'endless' (12); season 2020: 'saga' (5); amazon 2020:
-- 'river' (180); hulu: its one title has no duration -> none.
-- movies/series: amazon 3/1 (as1, as2, as4 / as3), disney 1/0, hulu 1/0, netflix 4/2 (ns1-3, ns6 / ns4-5).
-- cast of netflix 2020 (ns1, ns2, ns4, ns5, ns6): zoe 2 (ns1, ns4), bob 2 (ns1, ns2), dan 2 (ns4, ns5),
-- carl 1 (ns2; ns3 is 2019), bea 1 (listed twice in ns6, one title) -> tie of bob, dan, zoe: 'bob'.
-- amazon 2020: eve 2 (as1, as2), fay 1 -> 'eve'. hulu 2020: no cast -> none.

insert into catalog_ratings (user_id, title_id, rating, source_file) values
    (1, 'ns1', 4.0, 'ratings/1.csv'), (2, 'ns1', 5.0, 'ratings/1.csv'),                -- ns1 mean 4.5
    (1, 'ns2', 3.0, 'ratings/1.csv'), (2, 'ns2', 4.0, 'ratings/1.csv'),                -- ns2 mean 3.5
    (1, 'ns4', 5.0, 'ratings/1.csv'),                                                  -- ns4 mean 5.0
    (1, 'ns5', 2.0, 'ratings/1.csv'), (2, 'ns5', 3.0, 'ratings/1.csv'), (3, 'ns5', 4.0, 'ratings/1.csv'), -- 3.0
    (1, 'ns3', 5.0, 'ratings/1.csv'),                                                  -- 2019: other year
    (1, 'as1', 5.0, 'ratings/1.csv');                                                  -- amazon: other platform
-- netflix 2020 above 3.5 (strictly): ns1, ns4 -> 2 (ns2 is exactly 3.5; ns6 has no ratings);
-- above 0: ns1, ns2, ns4, ns5 -> 4; above 5: none -> 0.

insert into catalog_title_movies (title_id, movie_id) values
    ('ns1', 900001), ('ns2', 900002), ('ns5', 900003), ('ns4', 900004);
insert into ratings (user_id, movie_id, rating, rated_at) values
    (1, 900001, 2.0, '2020-01-01T00:00:00Z'), (2, 900001, 3.0, '2020-01-01T00:00:00Z'), -- ns1 mean 2.5
    (1, 900002, 4.0, '2020-01-01T00:00:00Z'),                                           -- ns2 mean 4.0
    (1, 900003, 5.0, '2020-01-01T00:00:00Z'), (2, 900003, 4.0, '2020-01-01T00:00:00Z'), -- ns5 mean 4.5
    (1, 900004, 4.0, '2020-01-01T00:00:00Z');                                           -- ns4 mean 4.0
-- netflix 2020 above 3.5 by the linked MovieLens ratings: ns2, ns4, ns5 -> 3.

-- TMDB ------------------------------------------------------------------------------------------
insert into tmdb_movies (tmdb_id, title, release_date, release_year, budget, revenue, return, popularity,
                         vote_average, vote_count) values
    (1,  'Toy Story',    '1995-10-30', 1995, 100, 1000, 10.0, 21.5, 7.7, 5415),  -- Monday, October
    (2,  'Hamlet',       '1948-05-04', 1948,   0,    0,  0.0, 3.25, 7.0,  120),  -- Tuesday, May
    (3,  'Hamlet',       '1996-12-25', 1996, 200,  100,  0.5,  8.5, 7.5, 2000),  -- Wednesday, December
    (4,  'Hamlet',       '2000-05-12', 2000,  10,   20,  2.0,  4.0, 6.1, 1999),  -- Friday, May
    (5,  'Cast Away',    '2000-12-22', 2000, 100,  400,  4.0, 10.0, 7.5, 3000),  -- Friday, December
    (6,  'Big',          '1988-06-03', 1988,  50,  200,  4.0,  6.0, 6.9, 1500),  -- Friday, June
    (7,  'Forrest Gump', '1994-07-06', 1994,  55,  660, 12.0, 48.5, 8.2, 8147),  -- Wednesday, July
    (8,  'Jumanji',      '1995-12-15', 1995,  65,  260,  4.0, 17.0, 6.9, 2413),  -- Friday, December
    (9,  'Heat',         '1995-12-15', 1995,  60,  180,  3.0, 17.9, 7.7, 1886),  -- Friday, December
    (10, 'Sabrina',      '1995-12-15', 1995,  58,    0,  0.0,  6.7, 6.2,  141);  -- Friday, December
-- December: 3, 5, 8, 9, 10 -> 5; May: 2, 4 -> 2; Wednesday: 3, 7 -> 2; Friday: 4, 5, 6, 8, 9, 10 -> 6;
-- Saturday: none -> 0; December and Friday: 5, 8, 9, 10 -> 4.

insert into tmdb_cast (tmdb_id, credit_id, person_id, name, character, cast_order) values
    (1, 'c1', 31, 'Tom Hanks', 'Woody', 0),
    (1, 'c2', 31, 'Tom Hanks', 'Woody (voice, again)', 9),    -- a second credit in the same film
    (2, 'c3', 31, 'Tom Hanks', 'Extra', 5),
    (5, 'c4', 31, 'Tom Hanks', 'Chuck Noland', 0),
    (6, 'c5', 31, 'Tom Hanks', 'Josh', 0),
    (3, 'c6', 77, 'Tom Hanksworth', 'Guard', 3),              -- longer name: not Tom Hanks
    (8, 'c7', 88, 'Robin Williams', 'Alan', 0),
    (99, 'c8', 31, 'Tom Hanks', 'Cameo', 1);                  -- a film not in tmdb_movies
-- Tom Hanks: films 1, 2, 5, 6 -> 4 (film 1 once, film 99 unknown); with a budget: 1, 5, 6 -> 3;
-- total return 10 + 0 + 4 + 4 = 18; average over the films with a budget 18 / 3 = 6.

insert into tmdb_directors (tmdb_id, person_id, name) values
    (7, 24, 'Robert Zemeckis'),
    (5, 24, 'Robert Zemeckis'),
    (99, 24, 'Robert Zemeckis'),                               -- a film not in tmdb_movies
    (3, 11, 'Kenneth Branagh'),
    (9, 12, 'Michael Mann');
-- Robert Zemeckis: Forrest Gump (1994-07-06, return 12, budget 55, revenue 660), then Cast Away
-- (2000-12-22, return 4, budget 100, revenue 400); total return 16.
