"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/dialog";
import { TextareaField, TextField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { type EditVersionInput, MAX_NOTES_LENGTH } from "@/lib/validation/version";

type VersionSummary = { id: string; version: string; build: string; notes: string; hidden: boolean };

type Props = {
  version: VersionSummary;
  edit: (input: EditVersionInput) => Promise<ActionResult<{ changed: boolean }>>;
  setHidden: (hidden: boolean) => Promise<ActionResult<{ changed: boolean }>>;
  remove: () => Promise<ActionResult>;
};

/** An admin's controls on one version row: Edit (a dialog), Hide / Show, Delete (after confirming). */
export function VersionActions({ version, edit, setHidden, remove }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const hideAction = useAction(setHidden);
  const removeAction = useAction(remove);
  const t = useTranslations("versions.actions");
  const label = t("label", { version: version.version, build: version.build });

  function toggleHidden() {
    hideAction.run(!version.hidden, () => {
      toast({ title: t(version.hidden ? "shown" : "hiddenToast", { label }), tone: "success" });
      router.refresh();
    });
  }

  return (
    <div className="flex flex-col gap-1 sm:items-end">
      <div className="flex flex-wrap gap-1 max-sm:-mx-3 sm:justify-end">
        <Button variant="ghost" size="sm" onClick={() => setEditing(true)} className="text-indigo-700">
          {t("edit")}
        </Button>
        <Button variant="ghost" size="sm" onClick={toggleHidden} pending={hideAction.pending}>
          {version.hidden ? t("show") : t("hide")}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} className="text-red-700">
          {t("delete")}
        </Button>
      </div>
      {hideAction.failure ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {hideAction.failure.error}
        </p>
      ) : null}
      <Dialog
        open={editing}
        onClose={() => setEditing(false)}
        title={t("editTitle", { label })}
        description={t("editDescription")}
      >
        {editing ? (
          <EditVersionForm version={version} action={edit} onDone={() => setEditing(false)} />
        ) : null}
      </Dialog>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("deleteTitle", { label })}
        description={
          <>
            {t("deleteDescription")}
            {removeAction.failure ? (
              <span className="mt-2 block font-medium text-red-700">{removeAction.failure.error}</span>
            ) : null}
          </>
        }
        confirmLabel={t("deleteConfirm")}
        pending={removeAction.pending}
        onConfirm={() =>
          removeAction.run(undefined, () => {
            setConfirming(false);
            toast({ title: t("deleted", { label }), tone: "success" });
            router.refresh();
          })
        }
      />
    </div>
  );
}

type EditFormProps = {
  version: VersionSummary;
  action: Props["edit"];
  onDone: () => void;
};

function EditVersionForm({ version, action, onDone }: EditFormProps) {
  const router = useRouter();
  const [values, setValues] = useState({
    version: version.version,
    build: version.build,
    notes: version.notes,
  });
  const { pending, run, error, fieldError } = useAction(action);
  const id = (field: string) => `edit-${version.id}-${field}`;
  const t = useTranslations("versions");
  const tc = useTranslations("common");

  function submit(event: FormEvent) {
    event.preventDefault();
    run(values, ({ changed }) => {
      onDone();
      if (changed) {
        toast({
          title: t("actions.saved", { version: values.version.trim(), build: values.build.trim() }),
          tone: "success",
        });
        router.refresh();
      } else {
        toast({
          title: t("actions.nothingChanged"),
          description: t("actions.nothingChangedHint"),
          tone: "info",
        });
      }
    });
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <TextField
        label={t("form.version")}
        id={id("version")}
        error={fieldError("version")}
        data-autofocus=""
        required
        maxLength={50}
        value={values.version}
        onChange={(e) => setValues({ ...values, version: e.target.value })}
      />
      <TextField
        label={t("form.build")}
        id={id("build")}
        error={fieldError("build")}
        required
        maxLength={50}
        value={values.build}
        onChange={(e) => setValues({ ...values, build: e.target.value })}
      />
      <TextareaField
        label={t("form.notes")}
        id={id("notes")}
        error={fieldError("notes")}
        rows={4}
        maxLength={MAX_NOTES_LENGTH}
        value={values.notes}
        onChange={(e) => setValues({ ...values, notes: e.target.value })}
      />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={pending}>
          {tc("cancel")}
        </Button>
        <Button type="submit" pending={pending}>
          {tc("saveChanges")}
        </Button>
      </div>
    </form>
  );
}
