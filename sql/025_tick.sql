-- 025: the claims of `llctl tick` (H5), one row per background job. A pass
-- takes a job with one UPDATE that succeeds only when the job's lease has
-- run out, so passes started together (cron every minute while the last one
-- still runs, or on two hosts) never run the same job at once; within a job
-- each row it works on is claimed again by a conditional UPDATE. A pass that
-- dies leaves its lease to run out: the next pass after it takes the job.
CREATE TABLE tick_claims (
  job             VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  holder          VARCHAR(128) NOT NULL DEFAULT '',
  claimed_until   DATETIME(6) NOT NULL DEFAULT '1970-01-01 00:00:00',
  last_started    DATETIME(6) NULL,
  last_finished   DATETIME(6) NULL,
  last_result     VARCHAR(500) NULL
) ENGINE=InnoDB;
