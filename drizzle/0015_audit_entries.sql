CREATE TABLE "audit_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"actor_name" text NOT NULL,
	"address" text,
	"app_id" uuid,
	"app_name" text,
	"kind" text NOT NULL,
	"target_id" text,
	"target_name" text,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_entries" ADD CONSTRAINT "audit_entries_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entries_team_at_idx" ON "audit_entries" USING btree ("team_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_entries_team_kind_idx" ON "audit_entries" USING btree ("team_id","kind","at");--> statement-breakpoint
CREATE INDEX "audit_entries_team_app_idx" ON "audit_entries" USING btree ("team_id","app_id","at");--> statement-breakpoint
CREATE INDEX "audit_entries_team_actor_idx" ON "audit_entries" USING btree ("team_id","actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_entries_at_idx" ON "audit_entries" USING btree ("at");