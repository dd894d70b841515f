-- A mass-update result (kept so a redelivered request re-publishes it instead of calling Zoho twice)
-- lists every id: about 50 KB of JSON for 500 ids. As text, H2 keeps that as a LOB, written apart
-- from the row on every request; gzip-compressed it is a few KB kept in the row. Older rows keep
-- their text result. bytea is BINARY VARYING in H2 and the binary type of PostgreSQL.
alter table mass_update_request add column result_gzip bytea;
