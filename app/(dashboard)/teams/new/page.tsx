import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NewTeamForm } from "@/components/teams/new-team-form";
import { createTeamAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("teams.new"))("metaTitle") };
}

export default async function NewTeamPage() {
  const t = await getTranslations("teams.new");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">{t("intro")}</p>
      </div>
      <NewTeamForm action={createTeamAction} />
    </div>
  );
}
