import { cn } from "./cn";

type SpinnerIconProps = { className?: string };

/** Decorative spinning circle (aria-hidden). Inherits the current text color. */
export function SpinnerIcon({ className }: SpinnerIconProps) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill="none"
      className={cn("size-4 shrink-0 animate-spin", className)}
    >
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeWidth="4" className="opacity-25" />
      <path fill="currentColor" className="opacity-75" d="M4 12a8 8 0 0 1 8-8v4a4 4 0 0 0-4 4H4Z" />
    </svg>
  );
}

type SpinnerProps = {
  /** Screen-reader text ("" when visible text beside it says it). */
  label?: string;
  className?: string;
};

export function Spinner({ label, className }: SpinnerProps) {
  return (
    <span className={cn("inline-flex items-center text-zinc-500", className)}>
      <SpinnerIcon />
      {label ? <span className="sr-only">{label}</span> : null}
    </span>
  );
}
