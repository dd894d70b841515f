-- When a file's result.csv and failed.csv were written. A file refused after some of its chunks became jobs
-- stays ERROR; once those jobs end it gets its result files too, once (this column says it has them).
alter table bulk_file add column results_at bigint;
