import type { ChangeEvent } from "react";
import { cn } from "./cn";

type SwitchProps = {
  id: string;
  name?: string;
  label: string;
  checked?: boolean;
  defaultChecked?: boolean;
  onChange?: (event: ChangeEvent<HTMLInputElement>) => void;
  disabled?: boolean;
  description?: string;
  /** Visible state text (decorative; the switch role already exposes the state). */
  onLabel?: string;
  offLabel?: string;
  /** Value submitted with the form when on (native default "on"). */
  value?: string;
  className?: string;
};

/** Native checkbox with role="switch", styled as a toggle. Space toggles it. */
export function Switch({
  id,
  name,
  label,
  checked,
  defaultChecked,
  onChange,
  disabled,
  description,
  onLabel = "On",
  offLabel = "Off",
  value,
  className,
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
      <div className="relative inline-flex shrink-0 items-center gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          // biome-ignore lint/a11y/useAriaPropsForRole: the native checkbox exposes its checked state; ARIA-in-HTML forbids aria-checked here.
          role="switch"
          value={value}
          checked={checked}
          defaultChecked={defaultChecked}
          onChange={onChange}
          disabled={disabled}
          aria-describedby={descriptionId}
          className="peer absolute top-0 left-0 z-10 h-5 w-9 cursor-pointer appearance-none rounded-full opacity-0 disabled:cursor-not-allowed"
        />
        <span
          aria-hidden="true"
          className="h-5 w-9 rounded-full bg-zinc-300 transition-colors peer-checked:bg-indigo-600 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600 peer-disabled:opacity-50"
        />
        <span
          aria-hidden="true"
          className="pointer-events-none absolute top-0.5 left-0.5 size-4 rounded-full bg-white shadow-sm transition-transform peer-checked:translate-x-4 motion-reduce:transition-none"
        />
        <span aria-hidden="true" className="w-7 text-xs font-medium text-zinc-600 peer-checked:hidden">
          {offLabel}
        </span>
        <span
          aria-hidden="true"
          className="hidden w-7 text-xs font-medium text-indigo-700 peer-checked:inline"
        >
          {onLabel}
        </span>
      </div>
    </div>
  );
}
