"use client";

import { useRouter } from "next/navigation";
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

  function submit(event: FormEvent) {
    event.preventDefault();
    run(values, () => {
      toast({
        title: `Version ${values.version.trim()} (build ${values.build.trim()}) uploaded`,
        description: "Webhooks subscribed to App update are notified.",
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
    ? `${Number(size).toLocaleString("en")} bytes = ${formatSize(Number(size))}.`
    : "The build's size in bytes, a whole number (e.g. 48234496 for 46.0 MB).";

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-lg flex-col gap-5" noValidate>
      {error ? (
        <Alert tone="danger" title="The version was not uploaded">
          {error}
        </Alert>
      ) : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField
          label="Version"
          id="version-version"
          error={fieldError("version")}
          hint="As users see it, e.g. 2.4."
          data-field="version"
          required
          maxLength={50}
          value={values.version}
          onChange={set("version")}
        />
        <TextField
          label="Build"
          id="version-build"
          error={fieldError("build")}
          hint="The build number, e.g. 139."
          data-field="build"
          required
          maxLength={50}
          value={values.build}
          onChange={set("build")}
        />
      </div>
      <TextField
        label="Size (bytes)"
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
        label="Release notes"
        id="version-notes"
        error={fieldError("notes")}
        hint="Optional. Sent to webhooks as the notes of the App update event."
        data-field="notes"
        rows={5}
        maxLength={MAX_NOTES_LENGTH}
        value={values.notes}
        onChange={set("notes")}
      />
      <div className="flex gap-3 border-t border-zinc-200 pt-5">
        <Button type="submit" pending={pending}>
          Upload version
        </Button>
        <ButtonLink href={listHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
