-- A repair of a field that held bytes invalid in its file's encoding keeps the field's bytes as
-- the file had them (psql shows them in hex: encode(raw_bytes, 'hex')); null for other repairs.
alter table etl_repairs add column raw_bytes bytea;
