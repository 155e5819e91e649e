"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { TextareaField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { formatSize } from "@/lib/format";
import { MAX_NOTES_LENGTH, type UploadVersionInput } from "@/lib/validation/version";

type Props = {
  action: (input: UploadVersionInput) => Promise<ActionResult<{ id: string }>>;
  listHref: string;
};

const FIELD_ORDER = ["version", "build", "sizeBytes", "notes"];

/** "Upload version": the build's metadata (version, build, size in bytes, release notes). */
export function UploadVersionForm({ action, listHref }: Props) {
  const router = useRouter();
  const [values, setValues] = useState({ version: "", build: "", sizeBytes: "", notes: "" });
  const { pending, run, error, fieldError, failure } = useAction(action);
  const formRef = useFocusFirstError(failure, FIELD_ORDER);
  const t = useTranslations("versions.form");
  const tc = useTranslations("common");

  function submit(event: FormEvent) {
    event.preventDefault();
    run(values, () => {
      toast({
        title: t("uploaded", { version: values.version.trim(), build: values.build.trim() }),
        description: t("uploadedHint"),
        tone: "success",
      });
      router.push(listHref);
      router.refresh();
    });
  }

  const set = (field: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues({ ...values, [field]: e.target.value });
  const size = values.sizeBytes.trim();
  const sizeHint = /^\d+$/.test(size)
    ? t("sizeEcho", {
        bytes: tc("bytes", { count: Number(size) }),
        size: formatSize(Number(size), (count) => tc("bytes", { count })),
      })
    : t("sizeHint");

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title={t("notUploaded")}>
          {error}
        </Alert>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label={t("version")}
          id="version-version"
          error={fieldError("version")}
          hint={t("versionHint")}
          data-field="version"
          required
          maxLength={50}
          value={values.version}
          onChange={set("version")}
        />
        <TextField
          label={t("build")}
          id="version-build"
          error={fieldError("build")}
          hint={t("buildHint")}
          data-field="build"
          required
          maxLength={50}
          value={values.build}
          onChange={set("build")}
        />
      </div>
      <TextField
        label={t("size")}
        id="version-size"
        error={fieldError("sizeBytes")}
        hint={sizeHint}
        data-field="sizeBytes"
        required
        inputMode="numeric"
        value={values.sizeBytes}
        onChange={set("sizeBytes")}
      />
      <TextareaField
        label={t("notes")}
        id="version-notes"
        error={fieldError("notes")}
        hint={t("notesHint")}
        data-field="notes"
        rows={5}
        maxLength={MAX_NOTES_LENGTH}
        value={values.notes}
        onChange={set("notes")}
      />
      <div className="flex gap-3 border-t border-zinc-200 pt-5">
        <Button type="submit" pending={pending}>
          {t("submit")}
        </Button>
        <ButtonLink href={listHref} variant="secondary">
          {tc("cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
