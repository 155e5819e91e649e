"use client";

import { useRouter } from "next/navigation";
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
  { name: "name", label: "Name", type: "text", autoComplete: "name", hint: undefined },
  { name: "email", label: "Email", type: "email", autoComplete: "email", hint: undefined },
  {
    name: "password",
    label: "Password",
    type: "password",
    autoComplete: "new-password",
    hint: "At least 8 characters.",
  },
] as const;

export function SignupForm({ action, callbackUrl }: Props) {
  const router = useRouter();
  const [values, setValues] = useState({ name: "", email: "", password: "" });
  const { pending, run, error, fieldError } = useAction(action);

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
          label={field.label}
          id={field.name}
          hint={field.hint}
          error={fieldError(field.name)}
          type={field.type}
          autoComplete={field.autoComplete}
          required
          value={values[field.name]}
          onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
        />
      ))}
      <Button type="submit" pending={pending}>
        Create account
      </Button>
    </form>
  );
}
