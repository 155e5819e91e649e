"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { TextareaField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import {
  type AppSettingsInput,
  MAX_DESCRIPTION_LENGTH,
  MAX_ICON_URL_LENGTH,
  MAX_INSTALL_PASSWORD_LENGTH,
} from "@/lib/validation/app-settings";

export type AppSettingsDefaults = {
  name: string;
  description: string;
  iconUrl: string;
  /** Whether an install password is set (the password itself is never sent to the browser). */
  hasInstallPassword: boolean;
};

type Props = {
  action: (input: AppSettingsInput) => Promise<ActionResult<{ changed: string[] }>>;
  defaults: AppSettingsDefaults;
};

const FIELD_ORDER = ["name", "description", "iconUrl", "installPassword"];

/** Setting → General for admins: app name, description, icon URL and install password. */
export function AppSettingsForm({ action, defaults }: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const [name, setName] = useState(defaults.name);
  const [description, setDescription] = useState(defaults.description);
  const [iconUrl, setIconUrl] = useState(defaults.iconUrl);
  const [installPassword, setInstallPassword] = useState("");
  const [removeInstallPassword, setRemoveInstallPassword] = useState(false);
  const { pending, run, error, fieldError, failure } = useAction(action);
  const formRef = useFocusFirstError(failure, FIELD_ORDER);

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ name, description, iconUrl, installPassword, removeInstallPassword }, ({ changed }) => {
      setInstallPassword("");
      setRemoveInstallPassword(false);
      if (changed.length === 0) {
        toast({ title: "Nothing changed", description: "No event was sent.", tone: "info" });
        return;
      }
      toast({
        title: "Settings saved",
        description: "Webhooks subscribed to App settings are notified.",
        tone: "success",
      });
      router.refresh();
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title="The settings were not saved">
          {error}
        </Alert>
      ) : null}
      <TextField
        label="App name"
        id="settings-name"
        error={fieldError("name")}
        data-field="name"
        required
        maxLength={80}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <TextareaField
        label="Description"
        id="settings-description"
        error={fieldError("description")}
        hint={`Optional, up to ${MAX_DESCRIPTION_LENGTH} characters.`}
        data-field="description"
        rows={3}
        maxLength={MAX_DESCRIPTION_LENGTH}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        label="Icon URL"
        id="settings-icon-url"
        error={fieldError("iconUrl")}
        hint="Optional. A full https:// address of the app's icon image."
        data-field="iconUrl"
        type="url"
        inputMode="url"
        placeholder="https://"
        maxLength={MAX_ICON_URL_LENGTH}
        value={iconUrl}
        onChange={(e) => setIconUrl(e.target.value)}
      />
      <TextField
        label="Install password"
        id="settings-install-password"
        error={fieldError("installPassword")}
        hint={
          defaults.hasInstallPassword
            ? "An install password is set. It is stored encrypted and never shown; leave blank to keep it, or type a new one to replace it."
            : "Optional. Testers must type it to install the app. Stored encrypted and never shown again."
        }
        data-field="installPassword"
        type="password"
        autoComplete="new-password"
        maxLength={MAX_INSTALL_PASSWORD_LENGTH}
        value={installPassword}
        onChange={(e) => setInstallPassword(e.target.value)}
      />
      {defaults.hasInstallPassword ? (
        <Checkbox
          label="Remove the install password"
          checked={removeInstallPassword}
          onChange={(e) => setRemoveInstallPassword(e.target.checked)}
          disabled={installPassword.length > 0}
        />
      ) : null}
      <div className="flex gap-3 border-t border-zinc-200 pt-5">
        <Button type="submit" pending={pending}>
          Save changes
        </Button>
      </div>
    </form>
  );
}
