/**
 * The team's payload time zone (docs/events.md#time-zone): the IANA zone in which JSON payloads and robot
 * messages write `created`, `updated` and the time of an event, as `YYYY-MM-DD HH:mm:ss` (Pgyer's format;
 * Pgyer writes China time). `timestamp` stays Unix seconds whatever the zone.
 */

export const DEFAULT_TIME_ZONE = "UTC";
/** The zone of teams created by a user whose dashboard language is Chinese: China time, as Pgyer sends. */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

let zones: readonly string[] | undefined;

/**
 * The IANA names this runtime knows (Intl.supportedValuesOf("timeZone"), which leaves out "UTC"), plus
 * "UTC" first: the choices of the team setting. Computed once.
 */
export function payloadTimeZones(): readonly string[] {
  zones ??= [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((z) => z !== DEFAULT_TIME_ZONE)];
  return zones;
}

let known: ReadonlySet<string> | undefined;

/**
 * The listed name for `name`: itself when listed, else the listed name the runtime resolves it to (an alias
 * such as "Asia/Kolkata" for a listed "Asia/Calcutta", or another spelling of the case); null when it is no
 * time zone (e.g. "Mars/Base") or resolves to one that is not listed.
 */
export function listedTimeZone(name: string): string | null {
  known ??= new Set(payloadTimeZones());
  if (known.has(name)) return name;
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    return known.has(resolved) ? resolved : null;
  } catch {
    return null; // RangeError: not a time zone
  }
}

/**
 * The payload time zone of a new team, from its creator's dashboard language (a locale such as "zh-CN" or
 * "en"): China time for Chinese, UTC otherwise. The one rule; team creation and sign-up use it.
 */
export function defaultPayloadTimeZone(locale: string | null | undefined): string {
  return locale?.toLowerCase().startsWith("zh") ? CHINA_TIME_ZONE : DEFAULT_TIME_ZONE;
}

// One formatter per zone (they are costly to make, cheap to use); bounded, the oldest made goes first.
const MAX_FORMATTERS = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  const cached = formatters.get(zone);
  if (cached) return cached;
  const made = new Intl.DateTimeFormat("en-US", {
    timeZone: zone, // throws a RangeError for an unknown zone: never silently another zone's time
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  if (formatters.size >= MAX_FORMATTERS) {
    const oldest = formatters.keys().next().value;
    if (oldest !== undefined) formatters.delete(oldest);
  }
  formatters.set(zone, made);
  return made;
}

/** `YYYY-MM-DD HH:mm:ss` of an ISO time in an IANA zone (Pgyer's `created` format). */
export function formatInTimeZone(iso: string, zone: string): string {
  const date = new Date(iso);
  if (zone === DEFAULT_TIME_ZONE) return date.toISOString().replace("T", " ").slice(0, 19);
  const part: Record<string, string> = {};
  for (const { type, value } of formatterFor(zone).formatToParts(date)) part[type] = value;
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** How many zones have a cached formatter (tests). */
export function cachedTimeZoneFormatters(): number {
  return formatters.size;
}
