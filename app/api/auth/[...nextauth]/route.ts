import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/next-auth";
import { withRequestId } from "@/lib/observability/request-context";

/** next-auth's routes, under their request id (echoed in `X-Request-Id`) like every /api route. */
export function GET(request: NextRequest): Promise<Response> {
  return withRequestId(request, () => handlers.GET(request));
}

export function POST(request: NextRequest): Promise<Response> {
  return withRequestId(request, () => handlers.POST(request));
}
