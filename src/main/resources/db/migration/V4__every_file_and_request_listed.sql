-- /jobs lists every dropped file and every mass-update request (issue 19), those refused before
-- anything was recorded too: a file refused while it was checked has no checksum (its content was
-- never accepted, so it claims no identity) and, dropped in the wrong place, no module or operation;
-- a request refused before any call may name no module and no kind. The refusal's code is kept
-- apart from its message. created_at is when the file or request arrived; the page lists newest
-- first, a page at a time. Portable between H2 and PostgreSQL.
alter table bulk_file alter column checksum drop not null;
alter table bulk_file alter column module drop not null;
alter table bulk_file alter column operation drop not null;
alter table bulk_file add column error_code varchar(64);
alter table mass_update_request alter column module drop not null;
alter table mass_update_request alter column kind drop not null;
alter table mass_update_request add column error_code varchar(64);
alter table mass_update_request add column message varchar(4000);
create index bulk_file_arrived on bulk_file (created_at);
create index mass_update_request_arrived on mass_update_request (created_at);
