"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { DeleteAppInput } from "@/lib/validation/app-settings";

type Props = {
  appName: string;
  action: (input: DeleteAppInput) => Promise<ActionResult<{ name: string }>>;
};

/** Setting → Delete for owners: typing the app's name is the confirmation. */
export function DeleteAppForm({ appName, action }: Props) {
  const router = useRouter();
  const [confirmName, setConfirmName] = useState("");
  const { pending, run, error, fieldError } = useAction(action);

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
      <TextField
        label="Type the app name to confirm"
        id="delete-app-name"
        error={fieldError("confirmName")}
        hint={
          <>
            Type <strong className="font-semibold text-zinc-900">{appName}</strong> exactly as shown.
          </>
        }
        autoComplete="off"
        spellCheck={false}
        value={confirmName}
        onChange={(e) => setConfirmName(e.target.value)}
      />
      <div>
        <Button type="submit" variant="danger" pending={pending}>
          Delete app
        </Button>
      </div>
    </form>
  );
}
