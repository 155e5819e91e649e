import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { InboxView } from "@/components/inbox/inbox-view";
import { requireUser } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { getTestInbox } from "@/lib/inbox/test-inboxes";
import { saveInboxMode } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("metaTitle") };
}

/** A test inbox of one of the user's teams (docs/delivery.md#test-inbox); another team's is Next's 404. */
export default async function TestInboxPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireUser();
  const inbox = await getTestInbox(user.id, token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const t = await getTranslations("inbox");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-3xl text-sm text-zinc-600">{t("description")}</p>
      </div>
      <InboxView
        inbox={{ token: inbox.token, url: inbox.url, mode: inbox.mode }}
        canEdit={can.editWebhooks(inbox.role)}
        saveMode={saveInboxMode.bind(null, inbox.token)}
        requestsUrl={`/inboxes/${inbox.token}/requests`}
        initial={inbox.requests}
      />
    </div>
  );
}
