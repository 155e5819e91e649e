CREATE TABLE "test_inbox_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbox_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL,
	"signature" text NOT NULL,
	"webhook_id" uuid,
	"via" text NOT NULL,
	"answer_status" integer NOT NULL,
	"answer_delay_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_inboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"token" text NOT NULL,
	"mode" text DEFAULT 'ok' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "test_inboxes_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "test_inbox_requests" ADD CONSTRAINT "test_inbox_requests_inbox_id_test_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."test_inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_inboxes" ADD CONSTRAINT "test_inboxes_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "test_inbox_requests_inbox_idx" ON "test_inbox_requests" USING btree ("inbox_id","received_at");--> statement-breakpoint
CREATE INDEX "test_inboxes_team_idx" ON "test_inboxes" USING btree ("team_id","created_at");