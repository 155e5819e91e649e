"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { ROLES, type Role } from "@/lib/domain/roles";

type Props = {
  memberId: string;
  name: string;
  role: Role;
  changeRole: (role: string) => Promise<ActionResult>;
  remove: () => Promise<ActionResult>;
};

/** An owner's controls on one member row: pick a role and "Save role"; "Remove" after confirming. */
export function MemberControls({ memberId, name, role, changeRole, remove }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<Role>(role);
  const [confirming, setConfirming] = useState(false);
  const roleAction = useAction(changeRole);
  const removeAction = useAction(remove);
  const selectId = `role-${memberId}`;
  const t = useTranslations("members.controls");
  const tr = useTranslations("roles");

  function saveRole() {
    roleAction.run(selected, () => {
      toast({ title: t("nowRole", { name, role: tr(selected) }), tone: "success" });
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          {t("roleOf", { name })}
        </label>
        <Select
          id={selectId}
          value={selected}
          onChange={(e) => setSelected(e.target.value as Role)}
          className="w-32"
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {tr(value)}
            </option>
          ))}
        </Select>
        {selected !== role ? (
          <Button size="sm" onClick={saveRole} pending={roleAction.pending}>
            {t("saveRole")}
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} className="text-red-700">
          {t("remove")}
        </Button>
      </div>
      {roleAction.failure ? (
        <p className="text-xs font-medium text-red-700">{roleAction.failure.error}</p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("removeTitle", { name })}
        description={
          <>
            {t("removeDescription")}
            {removeAction.failure ? (
              <span className="mt-2 block font-medium text-red-700">{removeAction.failure.error}</span>
            ) : null}
          </>
        }
        confirmLabel={t("removeConfirm")}
        pending={removeAction.pending}
        onConfirm={() =>
          removeAction.run(undefined, () => {
            setConfirming(false);
            toast({ title: t("removed", { name }), tone: "success" });
            router.refresh();
          })
        }
      />
    </div>
  );
}
