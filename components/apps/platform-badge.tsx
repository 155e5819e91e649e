import { Badge } from "@/components/ui/badge";
import type { Platform } from "@/lib/db/schema";
import { PLATFORM_LABELS } from "@/lib/validation/app";

export function PlatformBadge({ platform }: { platform: Platform }) {
  return (
    <Badge tone={platform === "ios" ? "info" : platform === "android" ? "success" : "neutral"}>
      {PLATFORM_LABELS[platform]}
    </Badge>
  );
}
