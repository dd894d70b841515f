-- A small file goes through Zoho's Records API (issue 20): 100 rows a call. Each call's outcome is kept
-- the moment Zoho answers, so a restart sends only the rows not answered yet. An insert's call is
-- written down (SENT) before it leaves: after a crash its rows are reported as of unknown outcome
-- rather than inserted twice. outcome_gzip: the rows' {STATUS, RECORD_ID, ERRORS} as JSON, gzip-compressed.
-- Portable between H2 and PostgreSQL; times are epoch milliseconds.

create table records_batch (
    bulk_file_id  bigint       not null,
    batch_index   integer      not null,
    first_row     bigint       not null,
    row_count     integer      not null,
    state         varchar(16)  not null,  -- SENT (insert, answer pending), DONE
    outcome_gzip  bytea,
    updated_at    bigint       not null,
    primary key (bulk_file_id, batch_index)
);
