import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ButtonLink } from "@/components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("errorPages.notFound"))("metaTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("errorPages.notFound");
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-zinc-600">{t("body")}</p>
      <ButtonLink href="/apps">{t("back")}</ButtonLink>
    </main>
  );
}
