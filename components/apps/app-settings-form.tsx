"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { TextareaField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import {
  type AppSettingsInput,
  appSettingsInput,
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

const FIELDS = ["name", "description", "iconUrl", "installPassword", "removeInstallPassword"] as const;

/** Setting → General for admins: app name, description, icon URL and install password. */
export function AppSettingsForm({ action, defaults }: Props) {
  const router = useRouter();
  const form = useForm<AppSettingsInput>({
    resolver: zodResolver(appSettingsInput, undefined, { raw: true }),
    ...CLIENT_VALIDATION,
    defaultValues: {
      name: defaults.name,
      description: defaults.description,
      iconUrl: defaults.iconUrl,
      installPassword: "",
      removeInstallPassword: false,
    },
  });
  const { pending, run, failure } = useAction(action);
  const error = useServerErrors(form, failure, FIELDS);
  const { errors } = form.formState;
  const installPassword = useWatch({ control: form.control, name: "installPassword" });

  const submit = form.handleSubmit(
    (values) =>
      run(values, ({ changed }) => {
        form.reset({ ...values, installPassword: "", removeInstallPassword: false });
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
      }),
    focusFirstError(form, FIELDS),
  );

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title="The settings were not saved">
          {error}
        </Alert>
      ) : null}
      <TextField
        label="App name"
        id="settings-name"
        error={errors.name?.message}
        required
        maxLength={80}
        {...form.register("name")}
      />
      <TextareaField
        label="Description"
        id="settings-description"
        error={errors.description?.message}
        hint={`Optional, up to ${MAX_DESCRIPTION_LENGTH} characters.`}
        rows={3}
        maxLength={MAX_DESCRIPTION_LENGTH}
        {...form.register("description")}
      />
      <TextField
        label="Icon URL"
        id="settings-icon-url"
        error={errors.iconUrl?.message}
        hint="Optional. A full https:// address of the app's icon image."
        type="url"
        inputMode="url"
        placeholder="https://"
        maxLength={MAX_ICON_URL_LENGTH}
        {...form.register("iconUrl")}
      />
      <TextField
        label="Install password"
        id="settings-install-password"
        error={errors.installPassword?.message}
        hint={
          defaults.hasInstallPassword
            ? "An install password is set. It is stored encrypted and never shown; leave blank to keep it, or type a new one to replace it."
            : "Optional. Testers must type it to install the app. Stored encrypted and never shown again."
        }
        type="password"
        autoComplete="new-password"
        maxLength={MAX_INSTALL_PASSWORD_LENGTH}
        {...form.register("installPassword")}
      />
      {defaults.hasInstallPassword ? (
        <Controller
          control={form.control}
          name="removeInstallPassword"
          render={({ field }) => (
            <Checkbox
              ref={field.ref}
              name={field.name}
              label="Remove the install password"
              checked={field.value}
              onCheckedChange={(checked) => field.onChange(checked === true)}
              onBlur={field.onBlur}
              disabled={Boolean(installPassword)}
            />
          )}
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
