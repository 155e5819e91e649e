-- The API rate limit's buckets need no write-ahead log (lib/api/rate-limiter.ts): a take then commits without
-- waiting for a WAL flush, so one key's requests do not queue on its row behind fsyncs. After a crash the table
-- is emptied: every bucket starts full again.
ALTER TABLE "api_rate_limits" SET UNLOGGED;
