DROP INDEX "deliveries_due_idx";--> statement-breakpoint
CREATE INDEX "deliveries_sending_idx" ON "deliveries" USING btree ("webhook_id") WHERE "deliveries"."status" = 'sending';