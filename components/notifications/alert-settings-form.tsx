"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { AlertSettingsInput } from "@/lib/validation/team";

/** A chat-robot webhook the alerts may go to, as the select lists it. */
export type RobotChoice = { id: string; label: string };

type Props = {
  action: (input: AlertSettingsInput) => Promise<ActionResult<null>>;
  current: { email: boolean; robotWebhookId: string | null };
  robots: RobotChoice[];
};

/** Team → Notifications, for admins and owners: email on/off and the robot webhook (docs/alerts.md#settings). */
export function AlertSettingsForm({ action, current, robots }: Props) {
  const router = useRouter();
  const t = useTranslations("notificationSettings");
  const [email, setEmail] = useState(current.email);
  const [robot, setRobot] = useState(current.robotWebhookId ?? "");
  const { pending, run, error, fieldError } = useAction(action);

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ email, robotWebhookId: robot || null }, () => {
      toast({ title: t("saved"), tone: "success" });
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
      <Checkbox
        id="alert-email"
        label={t("emailLabel")}
        description={t("emailHint")}
        checked={email}
        onCheckedChange={(checked) => setEmail(checked === true)}
      />
      <SelectField
        label={t("robotLabel")}
        id="alert-robot"
        hint={robots.length === 0 ? t("noRobots") : t("robotHint")}
        error={fieldError("robotWebhookId")}
        value={robot}
        onChange={(e) => setRobot(e.target.value)}
      >
        <option value="">{t("robotNone")}</option>
        {robots.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      <div>
        <Button type="submit" pending={pending}>
          {t("save")}
        </Button>
      </div>
    </form>
  );
}
