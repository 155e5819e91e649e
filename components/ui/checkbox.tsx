import { type ComponentProps, type ReactNode, useId } from "react";
import { cn } from "./cn";

type CheckboxProps = Omit<ComponentProps<"input">, "type"> & {
  label: ReactNode;
  /** Secondary text below the label, linked via aria-describedby (not part of the accessible name). */
  description?: string;
};

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
      <label className="inline-flex cursor-pointer items-center gap-2 text-sm font-medium text-zinc-900 has-disabled:cursor-not-allowed has-disabled:opacity-60">
        <input
          {...props}
          id={inputId}
          type="checkbox"
          aria-describedby={describedBy}
          className="size-4 shrink-0 cursor-pointer accent-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed"
        />
        <span>{label}</span>
      </label>
      {description ? (
        <p id={descriptionId} className="pl-6 text-xs text-zinc-500">
          {description}
        </p>
      ) : null}
    </div>
  );
}
