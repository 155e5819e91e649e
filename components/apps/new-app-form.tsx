"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { PLATFORM_LABELS, PLATFORMS, type PlatformCode } from "@/lib/domain/platforms";
import type { CreateAppInput } from "@/lib/validation/app";

type Props = { action: (input: CreateAppInput) => Promise<ActionResult<{ appKey: string }>> };

export function NewAppForm({ action }: Props) {
  const router = useRouter();
  const [values, setValues] = useState<{ name: string; platform: PlatformCode; bundleId: string }>({
    name: "",
    platform: "ios",
    bundleId: "",
  });
  const { pending, run, error, fieldError } = useAction(action);
  const t = useTranslations("apps.new");
  const tc = useTranslations("common");

  function submit(event: FormEvent) {
    event.preventDefault();
    run(values, ({ appKey }) => {
      toast({ title: t("created", { name: values.name.trim() }), tone: "success" });
      router.push(`/apps/${appKey}`);
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <TextField
        label={t("name")}
        id="app-name"
        error={fieldError("name")}
        required
        maxLength={80}
        value={values.name}
        onChange={(e) => setValues({ ...values, name: e.target.value })}
      />
      <SelectField
        label={t("platform")}
        id="platform"
        error={fieldError("platform")}
        value={values.platform}
        onChange={(e) => setValues({ ...values, platform: e.target.value as PlatformCode })}
      >
        {PLATFORMS.map((platform) => (
          <option key={platform} value={platform}>
            {PLATFORM_LABELS[platform]}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("bundleId")}
        id="bundle-id"
        hint={t("bundleIdHint")}
        error={fieldError("bundleId")}
        value={values.bundleId}
        onChange={(e) => setValues({ ...values, bundleId: e.target.value })}
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
