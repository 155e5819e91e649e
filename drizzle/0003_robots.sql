CREATE TABLE "robot_send_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"sends" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"free_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_warnings" (
	"webhook_id" uuid PRIMARY KEY NOT NULL,
	"message" text NOT NULL,
	"delivery_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_warnings" ADD CONSTRAINT "webhook_warnings_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;