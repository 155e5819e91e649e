import type { Metadata } from "next";
import { NewTeamForm } from "@/components/teams/new-team-form";
import { createTeamAction } from "../../actions";

export const metadata: Metadata = { title: "New team" };

export default function NewTeamPage() {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">New team</h1>
        <p className="text-sm text-zinc-600">You will be its owner. Invite others from its Members page.</p>
      </div>
      <NewTeamForm action={createTeamAction} />
    </div>
  );
}
