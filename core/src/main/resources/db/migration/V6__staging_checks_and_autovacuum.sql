-- Staging tables check the CHECK constraints of their targets while rows are copied in, instead of
-- an initial load scanning the whole staged table again to validate them before it replaces the
-- target (2.8 s of an ml-32m ratings load). The parsers already keep every staged value within
-- these rules; a row that broke one would now fail its chunk instead of the merge. The definitions
-- are copied from the targets so that the two cannot differ.
--
-- Autovacuum leaves the staging tables alone: they are emptied by every load, and a vacuum started
-- on millions of freshly staged rows only took CPU from the load and held up its merge until
-- PostgreSQL cancelled it. A staging table that replaces its target gets autovacuum back.
do $$
declare
    c record;
    staged record;
begin
    for c in select t.relname, con.conname, pg_get_constraintdef(con.oid) as definition
               from pg_constraint con join pg_class t on t.oid = con.conrelid
              where con.contype = 'c' and t.relnamespace = 'public'::regnamespace
                and to_regclass('staging.' || quote_ident(t.relname)) is not null
    loop
        execute format('alter table staging.%I add constraint %I %s', c.relname, c.conname, c.definition);
    end loop;
    for staged in select relname from pg_class where relnamespace = 'staging'::regnamespace and relkind = 'r'
    loop
        execute format('alter table staging.%I set (autovacuum_enabled = false, toast.autovacuum_enabled = false)',
                       staged.relname);
    end loop;
end
$$;
