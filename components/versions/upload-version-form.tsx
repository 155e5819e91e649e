"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
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
  const { toast } = useToast();
  const [values, setValues] = useState({ version: "", build: "", sizeBytes: "", notes: "" });
  const { pending, run, error, fieldError, failure } = useAction(action);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const first = FIELD_ORDER.find((field) => failure?.fieldErrors?.[field]);
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  }, [failure]);

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
  const errors = {
    version: fieldError("version"),
    build: fieldError("build"),
    sizeBytes: fieldError("sizeBytes"),
    notes: fieldError("notes"),
  };
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
        <Field
          label="Version"
          htmlFor="version-version"
          error={errors.version}
          hint="As users see it, e.g. 2.4."
        >
          <Input
            id="version-version"
            data-field="version"
            required
            maxLength={50}
            value={values.version}
            onChange={set("version")}
            invalid={Boolean(errors.version)}
            aria-describedby={describedBy("version-version", { hint: true, error: Boolean(errors.version) })}
          />
        </Field>
        <Field label="Build" htmlFor="version-build" error={errors.build} hint="The build number, e.g. 139.">
          <Input
            id="version-build"
            data-field="build"
            required
            maxLength={50}
            value={values.build}
            onChange={set("build")}
            invalid={Boolean(errors.build)}
            aria-describedby={describedBy("version-build", { hint: true, error: Boolean(errors.build) })}
          />
        </Field>
      </div>
      <Field label="Size (bytes)" htmlFor="version-size" error={errors.sizeBytes} hint={sizeHint}>
        <Input
          id="version-size"
          data-field="sizeBytes"
          required
          inputMode="numeric"
          value={values.sizeBytes}
          onChange={set("sizeBytes")}
          invalid={Boolean(errors.sizeBytes)}
          aria-describedby={describedBy("version-size", { hint: true, error: Boolean(errors.sizeBytes) })}
        />
      </Field>
      <Field
        label="Release notes"
        htmlFor="version-notes"
        error={errors.notes}
        hint="Optional. Sent to webhooks as the notes of the App update event."
      >
        <Textarea
          id="version-notes"
          data-field="notes"
          rows={5}
          maxLength={MAX_NOTES_LENGTH}
          value={values.notes}
          onChange={set("notes")}
          invalid={Boolean(errors.notes)}
          aria-describedby={describedBy("version-notes", { hint: true, error: Boolean(errors.notes) })}
        />
      </Field>
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
