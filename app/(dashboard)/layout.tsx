import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Logo } from "@/components/auth/auth-card";
import { AutoDisabledNotice } from "@/components/dashboard/auto-disabled-notice";
import { HeaderMenu } from "@/components/dashboard/header-menu";
import { MainNav } from "@/components/dashboard/main-nav";
import { TeamSwitcher } from "@/components/dashboard/team-switcher";
import { UserMenu } from "@/components/dashboard/user-menu";
import { LanguageSwitch } from "@/components/language/language-switch";
import { requireTeamContext } from "@/lib/auth/session";
import { listAutoDisabledWebhooks } from "@/lib/db/queries/webhooks";
import { describeRule } from "@/lib/delivery/auto-disable";
import { logout, logoutEverywhere } from "../(auth)/actions";
import { chooseLanguage } from "../actions";
import { switchTeam } from "./actions";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { user, current, teams } = await requireTeamContext();
  // Owners of the current team see their apps' webhooks that were turned off automatically.
  const autoDisabled = current.role === "owner" ? await listAutoDisabledWebhooks(current.team.id) : [];
  const t = await getTranslations("roles");
  return (
    <div className="min-h-screen">
      <header className="border-b border-zinc-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 px-4 py-2 lg:py-3">
          <Logo />
          <HeaderMenu>
            <MainNav />
            <div className="flex flex-col gap-4 lg:ml-auto lg:flex-row lg:items-center">
              <LanguageSwitch action={chooseLanguage} />
              <TeamSwitcher
                teams={teams.map((t) => ({ id: t.team.id, name: t.team.name, role: t.role }))}
                currentId={current.team.id}
                action={switchTeam}
              />
              <UserMenu
                name={user.name}
                email={user.email}
                roleLabel={t(current.role)}
                signOut={logout}
                signOutEverywhere={logoutEverywhere}
              />
            </div>
          </HeaderMenu>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
        <AutoDisabledNotice webhooks={autoDisabled} rule={describeRule()} />
        {children}
      </main>
    </div>
  );
}
