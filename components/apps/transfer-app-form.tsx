"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { TransferAppInput } from "@/lib/validation/app-settings";

type Props = {
  appName: string;
  currentTeam: string;
  targets: Array<{ id: string; name: string }>;
  action: (input: TransferAppInput) => Promise<ActionResult<{ toTeam: string }>>;
};

const CHOOSE = "Choose the team to move the app to.";

/** Setting → Transfer for owners: pick one of the user's other owned teams, confirm, move. */
export function TransferAppForm({ appName, currentTeam, targets, action }: Props) {
  const router = useRouter();
  const [teamId, setTeamId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  const { pending, run, error, fieldError } = useAction(action);
  const target = targets.find((t) => t.id === teamId);
  const teamError = missing ? CHOOSE : fieldError("teamId");

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!target);
    if (target) setConfirming(true);
  }

  function confirm() {
    run({ teamId }, ({ toTeam }) => {
      setConfirming(false);
      setTeamId("");
      toast({ title: `${appName} moved to ${toTeam}`, tone: "success" });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error && !confirming ? (
        <Alert tone="danger" title="The app was not moved">
          {error}
        </Alert>
      ) : null}
      <SelectField
        label="Target team"
        id="transfer-team"
        error={teamError}
        hint="Teams where you are an owner. The app's versions, webhooks, feedback and crash reports move with it."
        value={teamId}
        onChange={(e) => {
          setTeamId(e.target.value);
          setMissing(false);
        }}
      >
        <option value="">Choose a team…</option>
        {targets.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit">Transfer app</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Move ${appName} to ${target?.name ?? "another team"}?`}
        description={
          <>
            Members of {currentTeam} lose access unless they also belong to {target?.name ?? "that team"}.
            <span className="mt-2 block">
              API keys of {currentTeam} will no longer reach it: their requests for this app get 404 Not
              found. API keys of {target?.name ?? "that team"} will reach it, so give the CI jobs and SDKs
              that send its events one of those.
            </span>
            <span className="mt-2 block">Webhooks subscribed to App migration are notified.</span>
            {error ? <span className="mt-2 block font-medium text-red-700">{error}</span> : null}
          </>
        }
        confirmLabel="Move app"
        tone="primary"
        pending={pending}
        onConfirm={confirm}
      />
    </form>
  );
}
