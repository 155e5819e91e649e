"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyOnceField } from "@/components/ui/copy-once-field";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import type { Role } from "@/lib/domain/roles";
import { API_KEY_ACCESS_LABELS, type CreateApiKeyInput, createApiKeyInput } from "@/lib/validation/api-key";

type Props = {
  action: (input: CreateApiKeyInput) => Promise<ActionResult<{ key: string; name: string }>>;
  /** The roles this user may give a key (up to their own), weakest first. */
  grantable: Role[];
};

const FIELDS = ["name", "role"] as const;

/** Names a key and chooses its access, creates it, then shows it once with a copy button. */
export function CreateApiKeyForm({ action, grantable }: Props) {
  const router = useRouter();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const form = useForm<CreateApiKeyInput>({
    resolver: zodResolver(createApiKeyInput, undefined, { raw: true }),
    ...CLIENT_VALIDATION,
    defaultValues: { name: "", role: grantable.includes("admin") ? "admin" : (grantable[0] ?? "member") },
  });
  const { pending, run, failure } = useAction(action);
  const error = useServerErrors(form, failure, FIELDS);
  const { errors } = form.formState;

  const submit = form.handleSubmit(
    (values) =>
      run(values, (data) => {
        setCreated(data);
        form.resetField("name");
        router.refresh();
      }),
    focusFirstError(form, FIELDS),
  );

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-wrap items-start gap-3" noValidate>
        <TextField
          label="Key name"
          id="api-key-name"
          error={errors.name?.message}
          fieldClassName="w-full sm:w-auto sm:min-w-72"
          maxLength={60}
          placeholder="CI uploads"
          {...form.register("name")}
        />
        <SelectField
          label="Access"
          id="api-key-access"
          error={errors.role?.message}
          hint="Read-only keys can list and read; Admin keys also change apps and webhooks and send events."
          fieldClassName="w-full sm:w-auto sm:min-w-56 sm:max-w-80"
          {...form.register("role")}
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
        <CopyOnceField
          label="New API key"
          id="new-api-key"
          value={created.key}
          copyLabel="Copy key"
          hint={`Copy the key “${created.name}” now: it is shown only once. Send it as Authorization: Bearer <key>.`}
        />
      ) : null}
    </div>
  );
}
