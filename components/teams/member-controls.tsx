"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/domain/roles";

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

  function saveRole() {
    roleAction.run(selected, () => {
      toast({ title: `${name} is now ${ROLE_LABELS[selected]}`, tone: "success" });
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Role of {name}
        </label>
        <Select
          id={selectId}
          value={selected}
          onChange={(e) => setSelected(e.target.value as Role)}
          className="w-32"
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </Select>
        {selected !== role ? (
          <Button size="sm" onClick={saveRole} pending={roleAction.pending}>
            Save role
          </Button>
        ) : null}
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} className="text-red-700">
          Remove
        </Button>
      </div>
      {roleAction.failure ? (
        <p className="text-xs font-medium text-red-700">{roleAction.failure.error}</p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Remove ${name} from the team?`}
        description={
          <>
            They lose access to the team's apps and webhooks at once.
            {removeAction.failure ? (
              <span className="mt-2 block font-medium text-red-700">{removeAction.failure.error}</span>
            ) : null}
          </>
        }
        confirmLabel="Remove member"
        pending={removeAction.pending}
        onConfirm={() =>
          removeAction.run(undefined, () => {
            setConfirming(false);
            toast({ title: `${name} removed`, tone: "success" });
            router.refresh();
          })
        }
      />
    </div>
  );
}
