import { Badge } from "@/components/ui/badge";
import type { PlatformCode } from "@/lib/domain/platforms";
import { PLATFORM_LABELS } from "@/lib/domain/platforms";

export function PlatformBadge({ platform }: { platform: PlatformCode }) {
  return (
    <Badge tone={platform === "ios" ? "info" : platform === "android" ? "success" : "neutral"}>
      {PLATFORM_LABELS[platform]}
    </Badge>
  );
}
