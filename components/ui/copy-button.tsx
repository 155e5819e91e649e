"use client";

import { useTranslations } from "next-intl";
import { Button } from "./button";
import { toast } from "./toast";

type Props = {
  /** What goes on the clipboard. */
  value: string;
  /** What is copied, for the toast ("Request body"). */
  label: string;
  /** The button's text ("Copy", "Copy code"). */
  children: string;
  /** When the clipboard is refused: selects the text to copy by hand. */
  onRefused?: () => void;
};

/** Copies a text and says so in a toast; when the browser refuses, asks the user to copy it themselves. */
export function CopyButton({ value, label, children, onRefused }: Props) {
  const t = useTranslations("common");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      toast({ title: t("copiedToast", { label }), tone: "success" });
    } catch {
      onRefused?.();
      toast({ title: t("copyFailed"), description: t("copyFailedHint"), tone: "error" });
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy}>
      {children}
    </Button>
  );
}
