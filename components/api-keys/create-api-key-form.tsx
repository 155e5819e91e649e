"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { API_KEY_ACCESS_LABELS, type CreateApiKeyInput } from "@/lib/validation/api-key";
import type { Role } from "@/lib/validation/team";

type Props = {
  action: (input: CreateApiKeyInput) => Promise<ActionResult<{ key: string; name: string }>>;
  /** The roles this user may give a key (up to their own), weakest first. */
  grantable: Role[];
};

/** Names a key and chooses its access, creates it, then shows it once with a copy button. */
export function CreateApiKeyForm({ action, grantable }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>(grantable.includes("admin") ? "admin" : (grantable[0] ?? "member"));
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const { pending, run, error, fieldError } = useAction(action);

  function submit(event: FormEvent) {
    event.preventDefault();
    setCopied(false);
    run({ name, role }, (data) => {
      setCreated(data);
      setName("");
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <TextField
          label="Key name"
          id="api-key-name"
          error={fieldError("name")}
          fieldClassName="min-w-72"
          value={name}
          maxLength={60}
          placeholder="CI uploads"
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label="Access"
          id="api-key-access"
          error={fieldError("role")}
          hint="Read-only keys can list and read; Admin keys also change apps and webhooks and send events."
          fieldClassName="min-w-56 max-w-80"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {grantable.map((option) => (
            <option key={option} value={option}>
              {API_KEY_ACCESS_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending} className="mt-6">
          Create API key
        </Button>
      </form>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {created ? (
        <div className="rounded-md border border-indigo-200 bg-indigo-50 p-4">
          <Field
            label="New API key"
            htmlFor="new-api-key"
            hint={`Copy the key “${created.name}” now: it is shown only once. Send it as Authorization: Bearer <key>.`}
          >
            <div className="flex gap-2">
              <Input
                id="new-api-key"
                readOnly
                value={created.key}
                onFocus={(e) => e.currentTarget.select()}
                className="font-mono"
              />
              <Button
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard.writeText(created.key);
                  setCopied(true);
                }}
              >
                {copied ? "Copied" : "Copy key"}
              </Button>
            </div>
          </Field>
        </div>
      ) : null}
    </div>
  );
}
