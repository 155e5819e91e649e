"use client";

import { useTranslations } from "next-intl";
import { Toaster as SonnerToaster, toast as sonner } from "sonner";

type ToastTone = "success" | "error" | "info";
type ToastInput = {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** One button in the toast, such as "Undo"; the toast closes when it is pressed. */
  action?: { label: string; onClick: () => void };
};

const TOAST_DURATION_MS = 6000;
/** A toast with a button stays longer: there is something to do with it. */
const ACTION_TOAST_DURATION_MS = 10_000;

/** Shows a notification; sonner's region announces it politely (aria-live) and pauses it while hovered. */
export function toast({ title, description, tone = "info", action }: ToastInput): void {
  sonner[tone](title, {
    description,
    ...(action ? { action, duration: ACTION_TOAST_DURATION_MS } : {}),
  });
}

/**
 * Place once in the root layout so toasts survive client-side navigation. At the bottom centre, where they cover
 * neither the header nor what a page starts with; while one is shown the page gets room below its end
 * (app/globals.css, `--toast-clearance`), so a table's last row can always be scrolled above the toasts.
 */
export function Toaster() {
  const t = useTranslations("common");
  return (
    <SonnerToaster
      position="bottom-center"
      duration={TOAST_DURATION_MS}
      closeButton
      richColors
      containerAriaLabel={t("notifications")}
      toastOptions={{
        closeButtonAriaLabel: t("dismissNotification"),
        // A toast's button ("Undo") is a 40 px tap target on a phone; sonner's own styles need the `!`.
        classNames: { actionButton: "max-sm:h-10! max-sm:px-4!" },
      }}
    />
  );
}
