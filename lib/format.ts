// How the dashboard shows sizes and times.

/** A byte count for people: "46.0 MB", "812 KB", "512 bytes" (1 MB = 1024 × 1024 bytes). */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}

/** `YYYY-MM-DD HH:mm UTC`, as the dashboard shows times. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}
