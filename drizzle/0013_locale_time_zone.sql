ALTER TABLE "teams" ADD COLUMN "payload_time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "locale" text;