"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";

type Credentials = { email: string; password: string; callbackUrl?: string };
type Props = {
  action: (input: Credentials) => Promise<ActionResult<{ redirectTo: string }>>;
  callbackUrl?: string;
};

export function LoginForm({ action, callbackUrl }: Props) {
  const router = useRouter();
  const [values, setValues] = useState({ email: "", password: "" });
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
      <TextField
        label={t("fields.email")}
        id="email"
        error={fieldError("email")}
        type="email"
        autoComplete="email"
        required
        value={values.email}
        onChange={(e) => setValues({ ...values, email: e.target.value })}
      />
      <TextField
        label={t("fields.password")}
        id="password"
        error={fieldError("password")}
        type="password"
        autoComplete="current-password"
        required
        value={values.password}
        onChange={(e) => setValues({ ...values, password: e.target.value })}
      />
      <Button type="submit" pending={pending}>
        {t("login.submit")}
      </Button>
    </form>
  );
}
