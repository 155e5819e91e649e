/**
 * Webhook alerts' vocabulary (docs/alerts.md): what is alerted, through which channel, and how sending ended.
 */

/**
 * From this many failed attempts in a row, the webhook list warns (well before the automatic disable) and the
 * "failing" alert is sent.
 */
export const FAILING_WARNING_AFTER = 3;

/** A webhook started failing (its streak reached FAILING_WARNING_AFTER), was turned off automatically, or recovered. */
export const ALERT_KINDS = ["failing", "disabled", "recovered"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_CHANNELS = ["email", "robot"] as const;
export type AlertChannel = (typeof ALERT_CHANNELS)[number];

/** `previewed`: no SMTP_URL, the email was logged and kept for the preview page instead of sent. */
export const ALERT_OUTCOMES = ["sent", "failed", "previewed"] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

/** At most one alert per webhook and kind in this time. */
export const ALERT_THROTTLE_MS = 3_600_000;

/** How long the record of sent alerts (and previewed emails) is kept. */
export const ALERT_LOG_RETENTION_DAYS = 30;

/** Previewed emails the preview page lists. */
export const ALERT_PREVIEW_LIMIT = 20;
