-- Titles matched as people write them (serving: catalog search, similar titles by title, the TMDB insights).
--
-- MovieLens moves leading articles to the end ("Matrix, The", "Avventura, L'") and adds other names in
-- parentheses ("Amélie (Fabuleux destin d'Amélie Poulain, Le)", "Seven (a.k.a. Se7en)"); people write
-- "The Matrix", "the matrix", "amelie". Each name is reduced to a key once, when the row is written: stored
-- generated columns, so every writer (the ingestion, tests, scripts) gets them without knowing, and a request
-- only normalises the text it was given, with the same function.
--
-- title_match_key(name): a trailing article moved to the front, lower case, accents and apostrophes dropped
-- (ø, ł, đ, ð, ı, æ, œ, ß spelt o, l, d, d, i, ae, oe, ss), & as "and", every other run of characters that are
-- not letters or digits one blank, no blanks around. lower() and [[:alnum:]] follow the database's LC_CTYPE
-- (C.UTF-8 here: Unicode letters of every script), as lower(title) did before.
create function title_match_key(name text) returns text
    language sql immutable strict parallel safe
return btrim(regexp_replace(
    replace(replace(replace(replace(translate(
        regexp_replace(normalize(lower(
            regexp_replace(regexp_replace(btrim(name), '^(.+),\s+(l'')$', '\2\1', 'i'),
                '^(.+),\s+(the|an?|les|las?|le|los|il|lo|i|gli|el|une?|un[oa]|der|die|das|den|det|de|en|het|een|eine?)$',
                '\2 \1', 'i')), NFD),
            '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f''’`´]', '', 'g'),
        'øłđðı', 'oldd' || 'i'), 'æ', 'ae'), 'œ', 'oe'), 'ß', 'ss'), '&', ' and '),
    '[^[:alnum:]]+', ' ', 'g'));

-- title_match_names(title): the keys of every name a title gives, each once, the main name first: the title
-- without its trailing parenthesised parts, the whole title (as it was matched before), and each trailing
-- parenthesised part without a leading "a.k.a.". Empty keys are left out. PL/pgSQL, whose plans are kept from
-- row to row (as a SQL function with a subquery it took five times as long); search_path as at creation, so that
-- it finds title_match_key wherever it runs (a restore runs with an empty search_path).
create function title_match_names(title text) returns text[]
    language plpgsql immutable strict parallel safe
    set search_path from current
as $$
declare
    names text[] := array[regexp_replace(title, '(\s*\([^()]*\))+\s*$', ''), title];
    part text[];
    name text;
    key text;
    keys text[] := '{}';
begin
    for part in select regexp_matches(substring(title from '(?:\s*\([^()]*\))+\s*$'), '\(([^()]*)\)', 'g') loop
        names := names || regexp_replace(part[1], '^\s*a\.?k\.?a\.?\s+', '', 'i');
    end loop;
    foreach name in array names loop
        key := title_match_key(name);
        if key <> '' and not key = any(keys) then
            keys := keys || key;
        end if;
    end loop;
    return keys;
end
$$;

-- title_match_search(title): those names joined by " / " (a text no key contains), for substring matches and
-- the closest titles (array_to_string is only stable in general; of text elements it is immutable).
create function title_match_search(title text) returns text
    language sql immutable strict parallel safe
return array_to_string(title_match_names(title), ' / ');

-- title_names: exact matches (key = any name); title_search: substring matches and the closest titles. Trigram
-- indexes: GIN answers LIKE, GiST the nearest by word similarity (order by title_search <->> key limit n)
-- without scanning every title.
alter table movies
    add column title_names  text[] generated always as (title_match_names(title)) stored,
    add column title_search text   generated always as (title_match_search(title)) stored;
create index movies_title_names on movies using gin (title_names);
create index movies_title_search_trgm on movies using gin (title_search gin_trgm_ops);
create index movies_title_search_nearest on movies using gist (title_search gist_trgm_ops);
-- lower(title) like '%text%' is only left for a text without letters or digits ("%"): not worth an index.
drop index movies_title_trgm;

alter table tmdb_movies
    add column title_names  text[] generated always as (title_match_names(title)) stored,
    add column title_search text   generated always as (title_match_search(title)) stored;
create index tmdb_movies_title_names on tmdb_movies using gin (title_names);
create index tmdb_movies_title_search_trgm on tmdb_movies using gin (title_search gin_trgm_ops);
create index tmdb_movies_title_search_nearest on tmdb_movies using gist (title_search gist_trgm_ops);

-- The staging tables get no such columns: a load's COPY need not compute them for rows that its merge leaves
-- unchanged. An initial load that hands its staging table over as the target adds them first (etl-batch
-- TableMerger), computed once there.
