/** The platforms an app is built for. */
export const PLATFORMS = ["ios", "android", "harmonyos"] as const;
export type PlatformCode = (typeof PLATFORMS)[number];

/** How a platform is shown, and its `device_type` in payloads (docs/events.md#json-payload). */
export const PLATFORM_LABELS: Record<PlatformCode, string> = {
  ios: "iOS",
  android: "Android",
  harmonyos: "HarmonyOS",
};
