"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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

/** Setting → Transfer for owners: pick one of the user's other owned teams, confirm, move. */
export function TransferAppForm({ appName, currentTeam, targets, action }: Props) {
  const router = useRouter();
  const [teamId, setTeamId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  const { pending, run, error, fieldError } = useAction(action);
  const t = useTranslations("appSettings.transfer");
  const te = useTranslations("errors");
  const target = targets.find((team) => team.id === teamId);
  const teamError = missing ? te("app.transferTeamRequired") : fieldError("teamId");

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!target);
    if (target) setConfirming(true);
  }

  function confirm() {
    run({ teamId }, ({ toTeam }) => {
      setConfirming(false);
      setTeamId("");
      toast({ title: t("moved", { app: appName, team: toTeam }), tone: "success" });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error && !confirming ? (
        <Alert tone="danger" title={t("notMoved")}>
          {error}
        </Alert>
      ) : null}
      <SelectField
        label={t("target")}
        id="transfer-team"
        error={teamError}
        hint={t("targetHint")}
        value={teamId}
        onChange={(e) => {
          setTeamId(e.target.value);
          setMissing(false);
        }}
      >
        <option value="">{t("choose")}</option>
        {targets.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit">{t("submit")}</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("confirmTitle", { app: appName, team: target?.name ?? t("anotherTeam") })}
        description={
          <>
            {t("confirmDescription", { current: currentTeam, team: target?.name ?? t("thatTeam") })}
            <span className="mt-2 block">
              {t("confirmApiKeys", { current: currentTeam, team: target?.name ?? t("thatTeam") })}
            </span>
            <span className="mt-2 block">{t("confirmNotified")}</span>
            {error ? <span className="mt-2 block font-medium text-red-700">{error}</span> : null}
          </>
        }
        confirmLabel={t("confirm")}
        tone="primary"
        pending={pending}
        onConfirm={confirm}
      />
    </form>
  );
}
