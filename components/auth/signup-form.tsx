"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type SignUp = { name: string; email: string; password: string; callbackUrl?: string };
type Props = {
  action: (input: SignUp) => Promise<ActionResult<{ redirectTo: string }>>;
  callbackUrl?: string;
};

const FIELDS = [
  { name: "name", type: "text", autoComplete: "name", hint: undefined },
  { name: "email", type: "email", autoComplete: "email", hint: undefined },
  { name: "password", type: "password", autoComplete: "new-password", hint: "passwordHint" },
] as const;

export function SignupForm({ action, callbackUrl }: Props) {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const { pending, run, error, fieldError } = useAction(action);
  const t = useTranslations("auth");

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ ...values, callbackUrl }, ({ redirectTo }) => {
      router.replace(redirectTo);
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      {FIELDS.map((field) => (
        <TextField
          key={field.name}
          label={t(`fields.${field.name}`)}
          id={field.name}
          hint={field.hint ? t(`fields.${field.hint}`) : undefined}
          error={fieldError(field.name)}
          type={field.type}
          autoComplete={field.autoComplete}
          required
          value={values[field.name]}
          onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
        />
      ))}
      <Button type="submit" pending={pending}>
        {t("signup.submit")}
      </Button>
    </form>
  );
}
