"use client";

import { Toaster as SonnerToaster, toast as sonner } from "sonner";

type ToastTone = "success" | "error" | "info";
type ToastInput = { title: string; description?: string; tone?: ToastTone };

const TOAST_DURATION_MS = 6000;

/** Shows a notification; sonner's region announces it politely (aria-live) and pauses it while hovered. */
export function toast({ title, description, tone = "info" }: ToastInput): void {
  sonner[tone](title, { description });
}

/**
 * Place once in the root layout so toasts survive client-side navigation. Top centre: where a toast never
 * covers a table's last row or its row actions, nor the header's team and user menus at the right.
 */
export function Toaster() {
  return (
    <SonnerToaster
      position="top-center"
      offset={16}
      duration={TOAST_DURATION_MS}
      closeButton
      richColors
      toastOptions={{ closeButtonAriaLabel: "Dismiss notification" }}
    />
  );
}
