"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("appSettings.delete");

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ confirmName }, ({ name }) => {
      toast({
        title: t("deleted", { app: name }),
        description: t("deletedHint"),
        tone: "success",
      });
      router.replace("/apps");
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title={t("notDeleted")}>
          {error}
        </Alert>
      ) : null}
      <TextField
        label={t("confirmName")}
        id="delete-app-name"
        error={fieldError("confirmName")}
        hint={t.rich("confirmNameHint", {
          app: appName,
          strong: (chunks) => <strong className="font-semibold text-zinc-900">{chunks}</strong>,
        })}
        autoComplete="off"
        spellCheck={false}
        value={confirmName}
        onChange={(e) => setConfirmName(e.target.value)}
      />
      <div>
        <Button type="submit" variant="danger" pending={pending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
