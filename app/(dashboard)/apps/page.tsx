import type { Metadata } from "next";
import Link from "next/link";
import { PlatformBadge } from "@/components/apps/platform-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireTeamContext } from "@/lib/auth/session";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { can } from "@/lib/domain/roles";
import { MAX_WEBHOOKS_PER_APP } from "@/lib/domain/webhook-limit";

export const metadata: Metadata = { title: "My Apps" };

export default async function AppsPage() {
  const { current } = await requireTeamContext();
  const apps = await listAppsForTeam(current.team.id);
  const mayCreate = can.createApps(current.role);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">My Apps</h1>
          <p className="text-sm text-zinc-600">Apps of {current.team.name}.</p>
        </div>
        {mayCreate ? <ButtonLink href="/apps/new">New app</ButtonLink> : null}
      </div>
      {apps.length === 0 ? (
        <EmptyState
          title="No apps yet"
          description={
            mayCreate
              ? "Create an app to push its releases, feedback and crashes to your services and group chats."
              : "Your team has no apps yet. An admin or owner can create one."
          }
          action={mayCreate ? <ButtonLink href="/apps/new">New app</ButtonLink> : undefined}
        />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>App</TH>
              <TH>Platform</TH>
              <TH>Latest version</TH>
              <TH>Webhooks</TH>
            </TR>
          </THead>
          <TBody>
            {apps.map((app) => (
              <TR key={app.id}>
                <TD>
                  <Link
                    href={`/apps/${app.appKey}`}
                    className="inline-flex min-h-10 items-center font-medium text-indigo-700 hover:underline sm:min-h-0"
                  >
                    {app.name}
                  </Link>
                  {app.bundleId ? (
                    <div className="text-xs break-all text-zinc-500">{app.bundleId}</div>
                  ) : null}
                </TD>
                <TD label="Platform">
                  <PlatformBadge platform={app.platform} />
                </TD>
                <TD label="Latest version">
                  {app.latestVersion ? (
                    `${app.latestVersion} (${app.latestBuild})`
                  ) : (
                    <span className="text-zinc-500">No versions yet</span>
                  )}
                </TD>
                <TD label="Webhooks">
                  <Link
                    href={`/apps/${app.appKey}/settings/webhooks`}
                    className="inline-flex min-h-10 min-w-10 items-center hover:underline sm:min-h-0"
                  >
                    {app.webhookCount} / {MAX_WEBHOOKS_PER_APP}
                  </Link>
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
