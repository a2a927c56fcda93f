-- Revocable bearer tokens (serving): every token carries its account's token generation as it was when the
-- token was issued, and serving refuses a token whose generation is no longer the account's. A password
-- change and a logout add one to it, a deletion removes the row: every token issued before ends, on every
-- replica (each reads the generation again at most serving.token.revocation-check after it last did).
--
-- Nullable, with null read as 0: the ETL recreates staging.users with LIKE ... INCLUDING CONSTRAINTS (no
-- defaults), and its COPY names only the MovieLens columns, so a NOT NULL column would refuse the load.
alter table users add column token_generation bigint default 0;

-- The staging copy keeps the same columns in the same order (see V4).
alter table staging.users add column token_generation bigint;

-- The administrator is configured (serving.admin.*), not a row of users: their generation is kept here,
-- by login name; no row reads as 0.
create table admin_token_generations (
    username   text primary key,
    generation bigint not null
);
