-- Attempts recorded before 0004 get their delivery's webhook, so the column can become NOT NULL.
UPDATE "delivery_attempts" AS a SET "webhook_id" = d."webhook_id" FROM "deliveries" AS d WHERE d."id" = a."delivery_id" AND a."webhook_id" IS NULL;
