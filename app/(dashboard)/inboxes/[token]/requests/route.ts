import { errorResponse } from "@/lib/api/responses";
import { sessionUserId } from "@/lib/auth/session";
import { AppError, text } from "@/lib/errors";
import { inboxRequests } from "@/lib/inbox/test-inboxes";

type Context = { params: Promise<{ token: string }> };

/** What a test inbox received, for its page's live view (polled): the signed-in user's session, the page's rules. */
export async function GET(_request: Request, { params }: Context): Promise<Response> {
  try {
    const userId = await sessionUserId();
    if (!userId) throw new AppError("unauthenticated", text("sessionEnded"));
    const { token } = await params;
    return Response.json(await inboxRequests(userId, token), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
