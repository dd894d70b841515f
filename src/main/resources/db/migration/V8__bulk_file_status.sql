-- bulk-results looks for submitted files whose jobs have all ended at every poller tick (up to once a second)
create index bulk_file_status on bulk_file (status);
