"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
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

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ ...values, callbackUrl }, ({ redirectTo }) => {
      router.replace(redirectTo);
      router.refresh();
    });
  }

  const emailError = fieldError("email");
  const passwordError = fieldError("password");
  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <Field label="Email" htmlFor="email" error={emailError}>
        <Input
          id="email"
          type="email"
          autoComplete="email"
          required
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
          invalid={Boolean(emailError)}
          aria-describedby={describedBy("email", { error: Boolean(emailError) })}
        />
      </Field>
      <Field label="Password" htmlFor="password" error={passwordError}>
        <Input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={(e) => setValues({ ...values, password: e.target.value })}
          invalid={Boolean(passwordError)}
          aria-describedby={describedBy("password", { error: Boolean(passwordError) })}
        />
      </Field>
      <Button type="submit" pending={pending}>
        Sign in
      </Button>
    </form>
  );
}
