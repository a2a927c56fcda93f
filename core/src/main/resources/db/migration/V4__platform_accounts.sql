-- Accounts of the platform's own users (written by serving). MovieLens users keep null in these
-- columns: they have no account and cannot log in. Platform users take their ids from
-- platform_user_id_seq (V1), so a MovieLens load never meets them.
alter table users
    add column name          text,
    add column email         text,            -- login name, unique whatever its case
    add column password_hash text,            -- Spring Security's delegating format: "{bcrypt}$2a$10$..."
    add column created_at    timestamptz;

create unique index users_email_lower on users (lower(email));

-- The staging copy keeps the same columns in the same order, so an initial MovieLens load that
-- swaps staging.users in for an empty users table keeps them (and the index above).
alter table staging.users
    add column name          text,
    add column email         text,
    add column password_hash text,
    add column created_at    timestamptz;

-- A user's ratings go with them: serving deletes both in one transaction (no foreign key, so the
-- ETL's set-wise merges and table swaps of ratings and users stay free of ordering constraints).
