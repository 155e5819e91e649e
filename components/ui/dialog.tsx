"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { type ReactNode, useRef } from "react";
import { Button } from "./button";

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  /** Actions / footer content. Mark the element to focus first with `data-autofocus`. */
  children?: ReactNode;
};

/**
 * Controlled modal over Radix Dialog: focus trapped inside, Escape and a click outside call `onClose`, focus
 * returns to the control that opened it (when it is still there), and the rest of the page is hidden from assistive technology.
 */
export function Dialog({ open, onClose, title, description, children }: DialogProps) {
  // The control that opened the dialog: Radix returns focus only to its own Trigger, which we do not use.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-zinc-950/40" />
        <DialogPrimitive.Content
          // Without a description Radix must not point aria-describedby at a missing element.
          {...(description ? {} : { "aria-describedby": undefined })}
          onOpenAutoFocus={(event) => {
            opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            const preferred = (event.currentTarget as HTMLElement).querySelector<HTMLElement>(
              "[data-autofocus]",
            );
            if (preferred) {
              event.preventDefault();
              preferred.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            if (opener.current?.isConnected) opener.current.focus();
            opener.current = null;
          }}
          className="fixed top-1/2 left-1/2 z-50 flex w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-6 text-zinc-900 shadow-xl focus:outline-none"
        >
          <div className="flex flex-col gap-1.5">
            <DialogPrimitive.Title className="text-base font-semibold text-zinc-900">
              {title}
            </DialogPrimitive.Title>
            {description ? (
              <DialogPrimitive.Description asChild>
                <div className="text-sm text-zinc-600">{description}</div>
              </DialogPrimitive.Description>
            ) : null}
          </div>
          {children}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  tone?: "danger" | "primary";
};

/** A Dialog asking to confirm one action; Cancel has the focus first, so Enter never confirms by accident. */
export function ConfirmDialog({
  open,
  onClose,
  title,
  description,
  confirmLabel,
  onConfirm,
  pending = false,
  tone = "danger",
}: ConfirmDialogProps) {
  const t = useTranslations("common");
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose} disabled={pending} data-autofocus="">
          {t("cancel")}
        </Button>
        <Button variant={tone} onClick={onConfirm} pending={pending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
