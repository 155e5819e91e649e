"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { useZodResolver } from "@/components/forms/use-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyOnceField } from "@/components/ui/copy-once-field";
import { SelectField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import type { Role } from "@/lib/domain/roles";
import { role } from "@/lib/validation/team";

type Props = { roles: Role[]; action: (role: string) => Promise<ActionResult<{ path: string }>> };

/** The invite's one field, checked with the role schema the server parses it with. */
const inviteInput = z.object({ role });
type InviteInput = z.input<typeof inviteInput>;
const FIELDS = ["role"] as const;

/** Creates a single-use invite link with a role; the link is shown once, here. */
export function InviteForm({ roles, action }: Props) {
  const [link, setLink] = useState<string | null>(null);
  const t = useTranslations("members.invite");
  const tr = useTranslations("roles");
  const form = useForm<InviteInput>({
    resolver: useZodResolver(inviteInput),
    ...CLIENT_VALIDATION,
    defaultValues: { role: "member" },
  });
  const chosen = useWatch({ control: form.control, name: "role" });
  const { pending, run, failure } = useAction(action);
  const error = useServerErrors(form, failure, FIELDS);

  const submit = form.handleSubmit(
    (values) => run(values.role, ({ path }) => setLink(new URL(path, window.location.origin).toString())),
    focusFirstError(form, FIELDS),
  );

  return (
    <div className="flex flex-col gap-4">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <SelectField
          label={t("role")}
          id="invite-role"
          hint={tr(`descriptions.${chosen}`)}
          error={form.formState.errors.role?.message}
          fieldClassName="min-w-48"
          {...form.register("role")}
        >
          {roles.map((value) => (
            <option key={value} value={value}>
              {tr(value)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" pending={pending} className="mb-5">
          {t("submit")}
        </Button>
      </form>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {link ? (
        <CopyOnceField
          label={t("link")}
          id="invite-link"
          value={link}
          copyLabel={t("copy")}
          hint={t("linkHint")}
        />
      ) : null}
    </div>
  );
}
