"use client";

import { Toaster as SonnerToaster, toast as sonner } from "sonner";

type ToastTone = "success" | "error" | "info";
type ToastInput = { title: string; description?: string; tone?: ToastTone };

const TOAST_DURATION_MS = 6000;
/** Below the dashboard header (app/(dashboard)/layout.tsx, 65px high on wide screens). */
const HEADER_CLEARANCE = 76;

/** Shows a notification; sonner's region announces it politely (aria-live) and pauses it while hovered. */
export function toast({ title, description, tone = "info" }: ToastInput): void {
  sonner[tone](title, { description });
}

/**
 * Place once in the root layout so toasts survive client-side navigation. Top centre, just below the dashboard
 * header: a toast never covers a table's last row or the row actions at its right, nor the header's navigation.
 */
export function Toaster() {
  return (
    <SonnerToaster
      position="top-center"
      offset={{ top: HEADER_CLEARANCE }}
      duration={TOAST_DURATION_MS}
      closeButton
      richColors
      toastOptions={{ closeButtonAriaLabel: "Dismiss notification" }}
    />
  );
}
