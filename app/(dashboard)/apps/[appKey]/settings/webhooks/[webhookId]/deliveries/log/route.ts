import { errorResponse } from "@/lib/api/responses";
import { sessionUserId } from "@/lib/auth/session";
import { listDeliveries } from "@/lib/delivery-log/list-deliveries";
import { AppError, text } from "@/lib/errors";

type Context = { params: Promise<{ appKey: string; webhookId: string }> };

/**
 * The delivery log's pages for the dashboard's live view (polled by the page): the signed-in user's session,
 * the same rules as the page. `?status=&event=&cursor=&limit=`.
 */
export async function GET(request: Request, { params }: Context): Promise<Response> {
  try {
    const userId = await sessionUserId();
    if (!userId) throw new AppError("unauthenticated", text("sessionEnded"));
    const { appKey, webhookId } = await params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const page = await listDeliveries(userId, appKey, webhookId, query);
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
