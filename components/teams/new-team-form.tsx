"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = { action: (input: { name: string }) => Promise<ActionResult<{ id: string }>> };

export function NewTeamForm({ action }: Props) {
  const router = useRouter();
  const [name, setName] = useState("");
  const { pending, run, error, fieldError } = useAction(action);
  const t = useTranslations("teams.new");
  const tc = useTranslations("common");

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ name }, () => {
      toast({ title: t("created", { name: name.trim() }), tone: "success" });
      router.push("/apps");
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <TextField
        label={t("name")}
        id="team-name"
        error={fieldError("name")}
        required
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          {t("submit")}
        </Button>
        <ButtonLink href="/apps" variant="secondary">
          {tc("cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
