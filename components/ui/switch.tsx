"use client";

import * as SwitchPrimitive from "@radix-ui/react-switch";
import type { Ref } from "react";
import { cn } from "./cn";

type SwitchProps = {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onCheckedChange?: (checked: boolean) => void;
  onBlur?: () => void;
  disabled?: boolean;
  description?: string;
  /** Visible state text (decorative; the switch role already exposes the state). */
  onLabel?: string;
  offLabel?: string;
  /** Value submitted with a native form when on (default "on"). */
  value?: string;
  className?: string;
  ref?: Ref<HTMLButtonElement>;
};

/** Radix Switch (role="switch", Space and Enter toggle it), named by its visible label. */
export function Switch({
  id,
  label,
  description,
  onLabel = "On",
  offLabel = "Off",
  className,
  ...props
}: SwitchProps) {
  const descriptionId = description ? `${id}-description` : undefined;

  return (
    <div className={cn("flex items-start justify-between gap-4", className)}>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={id} className="text-sm font-medium text-zinc-900">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-xs text-zinc-500">
            {description}
          </p>
        ) : null}
      </div>
      <div className="inline-flex shrink-0 items-center gap-2">
        <SwitchPrimitive.Root
          {...props}
          id={id}
          aria-describedby={descriptionId}
          className="peer inline-flex h-5 w-9 shrink-0 cursor-pointer items-center rounded-full bg-zinc-300 p-0.5 transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50 data-[state=checked]:bg-indigo-600"
        >
          <SwitchPrimitive.Thumb className="block size-4 rounded-full bg-white shadow-sm transition-transform data-[state=checked]:translate-x-4 motion-reduce:transition-none" />
        </SwitchPrimitive.Root>
        <span
          aria-hidden="true"
          className="w-7 text-xs font-medium text-zinc-600 peer-data-[state=checked]:hidden"
        >
          {offLabel}
        </span>
        <span
          aria-hidden="true"
          className="hidden w-7 text-xs font-medium text-indigo-700 peer-data-[state=checked]:inline"
        >
          {onLabel}
        </span>
      </div>
    </div>
  );
}
