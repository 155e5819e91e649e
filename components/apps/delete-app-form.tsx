"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { DeleteAppInput } from "@/lib/validation/app-settings";

type Props = {
  appName: string;
  action: (input: DeleteAppInput) => Promise<ActionResult<{ name: string }>>;
};

/** Setting → Delete for owners: typing the app's name is the confirmation. */
export function DeleteAppForm({ appName, action }: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const [confirmName, setConfirmName] = useState("");
  const { pending, run, error, fieldError } = useAction(action);
  const nameError = fieldError("confirmName");

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ confirmName }, ({ name }) => {
      toast({
        title: `${name} deleted`,
        description: "Webhooks subscribed to App deletion are still notified.",
        tone: "success",
      });
      router.replace("/apps");
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title="The app was not deleted">
          {error}
        </Alert>
      ) : null}
      <Field
        label="Type the app name to confirm"
        htmlFor="delete-app-name"
        error={nameError}
        hint={
          <>
            Type <strong className="font-semibold text-zinc-900">{appName}</strong> exactly as shown.
          </>
        }
      >
        <Input
          id="delete-app-name"
          autoComplete="off"
          spellCheck={false}
          value={confirmName}
          onChange={(e) => setConfirmName(e.target.value)}
          invalid={Boolean(nameError)}
          aria-describedby={describedBy("delete-app-name", { hint: true, error: Boolean(nameError) })}
        />
      </Field>
      <div>
        <Button type="submit" variant="danger" pending={pending}>
          Delete app
        </Button>
      </div>
    </form>
  );
}
