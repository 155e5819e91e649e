"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Controller, useForm, useWatch } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { useZodResolver } from "@/components/forms/use-zod-resolver";
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
  const t = useTranslations("appSettings.general");
  const tc = useTranslations("common");
  const form = useForm<AppSettingsInput>({
    resolver: useZodResolver(appSettingsInput),
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
          toast({ title: tc("nothingChanged"), description: t("noEvent"), tone: "info" });
          return;
        }
        toast({
          title: t("saved"),
          description: t("savedHint"),
          tone: "success",
        });
        router.refresh();
      }),
    focusFirstError(form, FIELDS),
  );

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title={t("notSaved")}>
          {error}
        </Alert>
      ) : null}
      <TextField
        label={t("name")}
        id="settings-name"
        error={errors.name?.message}
        required
        maxLength={80}
        {...form.register("name")}
      />
      <TextareaField
        label={t("description")}
        id="settings-description"
        error={errors.description?.message}
        hint={t("descriptionHint", { max: MAX_DESCRIPTION_LENGTH })}
        rows={3}
        maxLength={MAX_DESCRIPTION_LENGTH}
        {...form.register("description")}
      />
      <TextField
        label={t("iconUrl")}
        id="settings-icon-url"
        error={errors.iconUrl?.message}
        hint={t("iconUrlHint")}
        type="url"
        inputMode="url"
        placeholder="https://"
        maxLength={MAX_ICON_URL_LENGTH}
        {...form.register("iconUrl")}
      />
      <TextField
        label={t("installPassword")}
        id="settings-install-password"
        error={errors.installPassword?.message}
        hint={defaults.hasInstallPassword ? t("installPasswordSetHint") : t("installPasswordHint")}
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
              label={t("removeInstallPassword")}
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
          {tc("saveChanges")}
        </Button>
      </div>
    </form>
  );
}
