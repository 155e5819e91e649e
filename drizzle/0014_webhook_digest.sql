ALTER TABLE "deliveries" ADD COLUMN "digest_id" uuid;--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_digest_idx" ON "deliveries" USING btree ("digest_id") WHERE "deliveries"."digest_id" is not null;--> statement-breakpoint
-- Robot webhooks that exist already get digests too, as new ones do (docs/robots.md#digests).
UPDATE "webhooks" SET "digest" = true WHERE "type" <> 'json';
