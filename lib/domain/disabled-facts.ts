/**
 * What the automatic disable found (docs/delivery.md#automatic-disable), kept beside its English sentence so
 * the dashboard can say it in the viewer's language: how many attempts failed in a row, since when (ISO), and
 * how the last one ended ("HTTP 500", a connection error: the answer's own words), or null.
 */
export type DisabledFacts = { failures: number; since: string; last: string | null };
