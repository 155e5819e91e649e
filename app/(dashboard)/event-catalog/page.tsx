import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EventCatalogView } from "@/components/webhooks/event-catalog-view";
import { requireUser } from "@/lib/auth/session";
import { eventCatalog } from "@/lib/webhooks/event-catalog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("eventCatalog"))("metaTitle") };
}

/** What receivers get: every event type, its JSON fields and its samples in every format (docs/events.md#catalog). */
export default async function EventCatalogPage() {
  await requireUser();
  const entries = eventCatalog();
  const t = await getTranslations();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-semibold">{t("eventCatalog.title")}</h1>
        <p className="max-w-3xl text-sm text-zinc-600">
          {t.rich("eventCatalog.intro", {
            link: (chunks) => (
              <Link href="/api-reference" className="font-medium text-indigo-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
        <nav aria-label={t("eventCatalog.contents")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {entries.map((entry) => (
              <li key={entry.type}>
                <a href={`#${entry.type}`} className="text-indigo-700 underline">
                  {t(`events.${entry.type}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <EventCatalogView entries={entries} />
    </div>
  );
}
