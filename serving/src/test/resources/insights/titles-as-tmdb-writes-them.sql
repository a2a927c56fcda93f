-- Loaded after fixtures.sql by TmdbInsightsTest's title-matching test only (the counts worked out in
-- fixtures.sql do not include these films): titles as TMDB writes them, to be asked as people write them.
insert into tmdb_movies (tmdb_id, title, release_date, release_year, popularity, vote_average, vote_count) values
    (603,   'The Matrix',     '1999-03-30', 1999, 33.4, 7.9, 9079),
    (194,   'Amélie',         '2001-04-25', 2001, 12.9, 7.8, 3403),
    (82695, 'Les Misérables', '2012-12-18', 2012, 10.1, 7.0, 1000);
