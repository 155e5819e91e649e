"use client";

import { useRouter } from "next/navigation";
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

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ name }, () => {
      toast({ title: `Team ${name.trim()} created`, tone: "success" });
      router.push("/apps");
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <TextField
        label="Team name"
        id="team-name"
        error={fieldError("name")}
        required
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <div className="flex gap-3">
        <Button type="submit" pending={pending}>
          Create team
        </Button>
        <ButtonLink href="/apps" variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
