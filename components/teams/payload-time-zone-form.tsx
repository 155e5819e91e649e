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
import type { PayloadTimeZoneInput } from "@/lib/validation/team";

type Props = {
  action: (input: PayloadTimeZoneInput) => Promise<ActionResult<{ timeZone: string }>>;
  /** The team's zone now. */
  current: string;
  /** The IANA names the server accepts (its list, not the browser's: they may differ). */
  zones: readonly string[];
};

/**
 * Team settings → Payload time zone, for admins and owners: a text field with the server's IANA names as
 * suggestions (typing "Shang" offers Asia/Shanghai); the server checks the name.
 */
export function PayloadTimeZoneForm({ action, current, zones }: Props) {
  const router = useRouter();
  const t = useTranslations("teamSettings.form");
  const [timeZone, setTimeZone] = useState(current);
  const { pending, run, error, fieldError } = useAction(action);

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ timeZone }, ({ timeZone: saved }) => {
      setTimeZone(saved);
      toast({
        title: t("saved"),
        description: t("savedDescription", { zone: saved }),
        tone: "success",
      });
      router.refresh();
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title={t("notSaved")}>
          {error}
        </Alert>
      ) : null}
      <TextField
        label={t("label")}
        id="payload-time-zone"
        list="payload-time-zone-options"
        error={fieldError("timeZone")}
        hint={t("hint")}
        required
        autoComplete="off"
        spellCheck={false}
        maxLength={64}
        value={timeZone}
        onChange={(e) => setTimeZone(e.target.value)}
      />
      <datalist id="payload-time-zone-options">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <div>
        <Button type="submit" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
