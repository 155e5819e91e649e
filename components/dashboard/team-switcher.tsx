"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { Select } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = {
  teams: Array<{ id: string; name: string; role: string }>;
  currentId: string;
  action: (teamId: string) => Promise<ActionResult>;
};

export function TeamSwitcher({ teams, currentId, action }: Props) {
  const router = useRouter();
  const { pending, run } = useAction(action);
  const t = useTranslations("teamSwitcher");

  function choose(teamId: string) {
    run(teamId, () => {
      const team = teams.find((t) => t.id === teamId);
      toast({ title: t("switched", { team: team?.name ?? "" }), tone: "success" });
      router.push("/apps");
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2">
      <label htmlFor="team-switcher" className="text-sm font-medium text-zinc-600">
        {t("label")}
      </label>
      <Select
        id="team-switcher"
        value={currentId}
        disabled={pending}
        onChange={(e) => choose(e.target.value)}
        className="min-w-0 flex-1 lg:w-auto lg:max-w-56 lg:flex-none"
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </Select>
      <Link
        href="/teams/new"
        className="inline-flex min-h-10 shrink-0 items-center px-1 text-sm font-medium text-indigo-700 hover:underline lg:min-h-0"
      >
        {t("newTeam")}
      </Link>
    </div>
  );
}
