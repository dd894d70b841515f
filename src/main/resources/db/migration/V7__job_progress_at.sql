-- When the counts stored for a job were read from Zoho: with the counts of the next answer they give the
-- rate a running job goes at, and the poller asks again near its expected end (PollSchedule).
alter table zoho_job add column progress_at bigint;
