"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { useZodResolver } from "@/components/forms/use-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyOnceField } from "@/components/ui/copy-once-field";
import { SelectField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import type { Role } from "@/lib/domain/roles";
import { type CreateApiKeyInput, createApiKeyInput } from "@/lib/validation/api-key";

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
  const t = useTranslations("apiKeys");
  const form = useForm<CreateApiKeyInput>({
    resolver: useZodResolver(createApiKeyInput),
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
          label={t("form.name")}
          id="api-key-name"
          error={errors.name?.message}
          fieldClassName="w-full sm:w-auto sm:min-w-72"
          maxLength={60}
          placeholder={t("form.namePlaceholder")}
          {...form.register("name")}
        />
        <SelectField
          label={t("form.access")}
          id="api-key-access"
          error={errors.role?.message}
          hint={t("form.accessHint")}
          fieldClassName="w-full sm:w-auto sm:min-w-56 sm:max-w-80"
          {...form.register("role")}
        >
          {grantable.map((option) => (
            <option key={option} value={option}>
              {t(`accessLabels.${option}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending} className="mt-6">
          {t("form.submit")}
        </Button>
      </form>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {created ? (
        <CopyOnceField
          label={t("form.newKey")}
          id="new-api-key"
          value={created.key}
          copyLabel={t("form.copy")}
          hint={t("form.newKeyHint", { name: created.name })}
        />
      ) : null}
    </div>
  );
}
