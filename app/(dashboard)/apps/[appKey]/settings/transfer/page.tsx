import type { Metadata } from "next";
import Link from "next/link";
import { TransferAppForm } from "@/components/apps/transfer-app-form";
import { Alert } from "@/components/ui/alert";
import { transferTargets } from "@/lib/apps/transfer-app";
import { requireAppPage } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { transferAppAction } from "./actions";

export const metadata: Metadata = { title: "Transfer app" };

export default async function TransferAppPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  const { app, role, teamName, user } = await requireAppPage(appKey);
  const owner = can.transferApps(role);
  const targets = owner ? await transferTargets(user.id, app.appKey) : [];
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h2 className="text-lg font-semibold">Transfer</h2>
        <p className="text-sm text-zinc-600">
          Move {app.name} from {teamName} to another team where you are an owner. Its webhooks stay with it,
          and those subscribed to App migration are notified.
        </p>
      </div>
      {!owner ? (
        <Alert tone="info" title="Read-only access">
          Only owners of {teamName} can transfer this app.
        </Alert>
      ) : targets.length === 0 ? (
        <Alert tone="info" title="No other team to move it to">
          You are not an owner of any other team.{" "}
          <Link href="/teams/new" className="font-medium underline">
            Create a team
          </Link>{" "}
          first, then come back here.
        </Alert>
      ) : (
        <TransferAppForm
          appName={app.name}
          currentTeam={teamName}
          targets={targets}
          action={transferAppAction.bind(null, app.appKey)}
        />
      )}
    </div>
  );
}
