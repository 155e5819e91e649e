/** The most webhooks an app can have (as on Pgyer). */
export const MAX_WEBHOOKS_PER_APP = 3;

/** Whether an app that has `count` webhooks is full: the one check of the limit (the insert, the pages). */
export function webhookLimitReached(count: number): boolean {
  return count >= MAX_WEBHOOKS_PER_APP;
}
