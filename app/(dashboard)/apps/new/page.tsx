import type { Metadata } from "next";
import { NewAppForm } from "@/components/apps/new-app-form";
import { Alert } from "@/components/ui/alert";
import { requireTeamContext } from "@/lib/auth/session";
import { can } from "@/lib/domain/roles";
import { createAppAction } from "../actions";

export const metadata: Metadata = { title: "New app" };

export default async function NewAppPage() {
  const { current } = await requireTeamContext();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">New app</h1>
        <p className="text-sm text-zinc-600">The app will belong to {current.team.name}.</p>
      </div>
      {can.createApps(current.role) ? (
        <NewAppForm action={createAppAction.bind(null, current.team.id)} />
      ) : (
        <Alert tone="warning" title="Read-only access">
          Members can see apps but not create them. Ask an admin or owner of {current.team.name}.
        </Alert>
      )}
    </div>
  );
}
