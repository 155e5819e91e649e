"use client";

import * as CheckboxPrimitive from "@radix-ui/react-checkbox";
import { type ComponentProps, type ReactNode, useId } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<ComponentProps<typeof CheckboxPrimitive.Root>, "children"> & {
  label: ReactNode;
  /** Secondary text below the label, linked via aria-describedby (not part of the accessible name). */
  description?: string;
};

/** Radix Checkbox (role="checkbox", Space toggles it), named by its visible label: on a phone, a 40 px high tap target. */
export function Checkbox({
  label,
  description,
  id,
  className,
  "aria-describedby": ariaDescribedBy,
  ...props
}: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const describedBy = [ariaDescribedBy, descriptionId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("flex flex-col gap-0.5", className)}>
      <div className="inline-flex items-center gap-2 has-disabled:opacity-60">
        <CheckboxPrimitive.Root
          {...props}
          id={inputId}
          aria-describedby={describedBy}
          className="peer flex size-4 shrink-0 cursor-pointer items-center justify-center rounded-sm border border-zinc-400 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed data-[state=checked]:border-indigo-600 data-[state=checked]:bg-indigo-600"
        >
          <CheckboxPrimitive.Indicator className="text-white">
            <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="size-3.5">
              <path d="M12.7 4.3a1 1 0 0 1 0 1.4l-5.5 5.5a1 1 0 0 1-1.4 0L3.3 8.7a1 1 0 1 1 1.4-1.4l1.8 1.8 4.8-4.8a1 1 0 0 1 1.4 0Z" />
            </svg>
          </CheckboxPrimitive.Indicator>
        </CheckboxPrimitive.Root>
        <label
          htmlFor={inputId}
          className="flex min-h-10 cursor-pointer items-center text-sm font-medium text-zinc-900 peer-disabled:cursor-not-allowed sm:min-h-0"
        >
          {label}
        </label>
      </div>
      {description ? (
        <p id={descriptionId} className="pl-6 text-xs text-zinc-500">
          {description}
        </p>
      ) : null}
    </div>
  );
}
