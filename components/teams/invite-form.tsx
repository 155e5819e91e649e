"use client";

import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/validation/team";

type Props = { roles: Role[]; action: (role: string) => Promise<ActionResult<{ path: string }>> };

/** Creates a single-use invite link with a role; the link is shown once, here. */
export function InviteForm({ roles, action }: Props) {
  const [role, setRole] = useState<Role>("member");
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const { pending, run, error } = useAction(action);

  function submit(event: FormEvent) {
    event.preventDefault();
    setCopied(false);
    run(role, ({ path }) => setLink(new URL(path, window.location.origin).toString()));
  }

  async function copy() {
    if (!link) return;
    await navigator.clipboard.writeText(link);
    setCopied(true);
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field label="Role" htmlFor="invite-role" hint={ROLE_DESCRIPTIONS[role]} className="min-w-48">
          <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roles.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" pending={pending} className="mb-5">
          Create invite link
        </Button>
      </form>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {link ? (
        <div className="flex flex-col gap-2 rounded-md border border-indigo-200 bg-indigo-50 p-4">
          <Field
            label="Invite link"
            htmlFor="invite-link"
            hint="Send it to the person you invite. It works once, for 7 days, and is not shown again."
          >
            <div className="flex gap-2">
              <Input id="invite-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
              <Button variant="secondary" onClick={copy}>
                {copied ? "Copied" : "Copy link"}
              </Button>
            </div>
          </Field>
        </div>
      ) : null}
    </div>
  );
}
