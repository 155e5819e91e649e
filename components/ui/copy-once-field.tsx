"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useRef, useState } from "react";
import { Button } from "./button";
import { Field, Input } from "./field";
import { toast } from "./toast";

type CopyOnceFieldProps = {
  /** Visible label, the read-only input's accessible name ("New API key", "Invite link"...). */
  label: string;
  id: string;
  value: string;
  /** Says how long the value is shown and what to do with it. */
  hint: ReactNode;
  /** The copy button's text before copying ("Copy key"). */
  copyLabel: string;
  /** Extra buttons beside Copy (e.g. "Hide"). */
  children?: ReactNode;
};

/**
 * A secret or link the server shows once (or on demand): read-only, selected when focused, with a Copy button
 * that says "Copied" once it is on the clipboard. When the clipboard is refused the text is selected and a toast
 * asks the user to copy it themselves.
 */
export function CopyOnceField({ label, id, value, hint, copyLabel, children }: CopyOnceFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const t = useTranslations("common");

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(value);
      toast({ title: t("copiedToast", { label }), tone: "success" });
    } catch {
      inputRef.current?.select();
      inputRef.current?.focus();
      toast({
        title: t("copyFailed"),
        description: t("copyFailedHint"),
        tone: "error",
      });
    }
  }

  return (
    <div className="rounded-md border border-indigo-200 bg-indigo-50 p-4">
      <Field label={label} htmlFor={id} hint={hint}>
        <div className="flex flex-wrap gap-2">
          <Input
            ref={inputRef}
            id={id}
            readOnly
            value={value}
            aria-describedby={`${id}-hint`}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 font-mono"
          />
          <Button variant="secondary" onClick={copy}>
            {copied === value ? t("copied") : copyLabel}
          </Button>
          {children}
        </div>
      </Field>
    </div>
  );
}
