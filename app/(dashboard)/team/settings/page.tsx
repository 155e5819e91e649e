import type { Metadata } from "next";
import { PayloadTimeZoneForm } from "@/components/teams/payload-time-zone-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { requireTeamContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { payloadTimeZones } from "@/lib/domain/time-zones";
import { savePayloadTimeZone } from "./actions";

export const metadata: Metadata = { title: "Team settings" };

export default async function TeamSettingsPage() {
  const { current } = await requireTeamContext();
  const { team } = current;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Team settings</h1>
        <p className="text-sm text-zinc-600">Settings of {team.name} that apply to all its apps.</p>
      </div>
      <Card>
        <CardHeader
          title="Payload time zone"
          description="The time zone in which webhooks write created and updated (JSON payloads) and the event's time (chat-robot messages), as YYYY-MM-DD HH:mm:ss. Pgyer writes China time (Asia/Shanghai). The timestamp field stays in Unix seconds."
        />
        <div className="mt-4">
          {can.editTeamSettings(current.role) ? (
            <PayloadTimeZoneForm
              action={savePayloadTimeZone.bind(null, team.id)}
              current={team.payloadTimeZone}
              zones={payloadTimeZones()}
            />
          ) : (
            <div className="flex flex-col gap-4">
              <Alert tone="info" title="Read-only access">
                Only admins and owners can change team settings.
              </Alert>
              <dl>
                <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500">
                  Payload time zone
                </dt>
                <dd className="mt-1 text-sm text-zinc-900">{team.payloadTimeZone}</dd>
              </dl>
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}
