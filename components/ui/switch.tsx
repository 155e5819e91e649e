"use client";

import * as SwitchPrimitive from "@radix-ui/react-switch";
import { useTranslations } from "next-intl";
import type { Ref } from "react";
import { cn } from "./cn";

type SwitchProps = {
  id: string;
  name?: string;
  label: string;
  /**
   * Read by assistive technology only, where a visible label of the same words stands beside the switch (a
   * table's column header).
   */
  labelHidden?: boolean;
  checked: boolean;
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

/**
 * Radix Switch (role="switch", Space and Enter toggle it), named by its label. The button is 40 px high, a tap
 * target, around a smaller track; only the current state's text is shown.
 */
export function Switch({
  id,
  label,
  labelHidden = false,
  description,
  onLabel,
  offLabel,
  className,
  ...props
}: SwitchProps) {
  const t = useTranslations("common");
  const descriptionId = description ? `${id}-description` : undefined;

  return (
    <div className={cn("flex items-center justify-between gap-4", className)}>
      <div className={cn("flex flex-col gap-0.5", labelHidden && "sr-only")}>
        <label htmlFor={id} className="text-sm font-medium text-zinc-900">
          {label}
        </label>
        {description ? (
          <p id={descriptionId} className="text-xs text-zinc-500">
            {description}
          </p>
        ) : null}
      </div>
      <div className="inline-flex shrink-0 items-center gap-1">
        <SwitchPrimitive.Root
          {...props}
          id={id}
          aria-describedby={descriptionId}
          className="group inline-flex h-10 w-11 shrink-0 cursor-pointer items-center justify-center rounded-md focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:opacity-50"
        >
          <span className="inline-flex h-5 w-9 items-center rounded-full bg-zinc-300 p-0.5 transition-colors group-data-[state=checked]:bg-indigo-600 motion-reduce:transition-none">
            <SwitchPrimitive.Thumb className="block size-4 rounded-full bg-white shadow-sm transition-transform data-[state=checked]:translate-x-4 motion-reduce:transition-none" />
          </span>
        </SwitchPrimitive.Root>
        <span
          aria-hidden="true"
          className={cn("w-7 text-xs font-medium", props.checked ? "text-indigo-700" : "text-zinc-600")}
        >
          {props.checked ? (onLabel ?? t("on")) : (offLabel ?? t("off"))}
        </span>
      </div>
    </div>
  );
}
