import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type FieldProps = {
  label: string;
  /** id of the child control; also the prefix of the hint/error ids. */
  htmlFor: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  className?: string;
  children: ReactNode;
};

/**
 * Label + control + hint + error. Wire the control with `aria-describedby={describedBy(id, ...)}`, or use
 * TextField / TextareaField / SelectField below, which do it for you.
 */
export function Field({ label, htmlFor, hint, error, required, className, children }: FieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <label htmlFor={htmlFor} className="text-sm font-medium text-zinc-900">
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-red-600">
            *
          </span>
        ) : null}
      </label>
      {children}
      {hint ? (
        <div id={`${htmlFor}-hint`} className="text-xs text-zinc-500">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${htmlFor}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Build an aria-describedby value pointing at Field's hint/error ids. */
export function describedBy(id: string, opts: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

const control =
  "block w-full rounded-md border bg-white text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 " +
  "focus-visible:outline-2 focus-visible:-outline-offset-1 " +
  "disabled:cursor-not-allowed disabled:bg-zinc-50 disabled:text-zinc-500";

function stateClasses(invalid: boolean | undefined): string {
  return invalid
    ? "border-red-600 focus-visible:outline-red-600"
    : "border-zinc-300 focus-visible:outline-indigo-600";
}

type InputProps = ComponentProps<"input"> & { invalid?: boolean };

export function Input({ invalid, className, "aria-invalid": ariaInvalid, ...props }: InputProps) {
  return (
    <input
      {...props}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(control, "h-10 px-3 sm:h-9", stateClasses(invalid), className)}
    />
  );
}

type TextareaProps = ComponentProps<"textarea"> & { invalid?: boolean };

export function Textarea({
  invalid,
  className,
  rows = 4,
  "aria-invalid": ariaInvalid,
  ...props
}: TextareaProps) {
  return (
    <textarea
      {...props}
      rows={rows}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(control, "px-3 py-2", stateClasses(invalid), className)}
    />
  );
}

type SelectProps = ComponentProps<"select"> & { invalid?: boolean };

export function Select({ invalid, className, children, "aria-invalid": ariaInvalid, ...props }: SelectProps) {
  return (
    <select
      {...props}
      aria-invalid={invalid || ariaInvalid || undefined}
      className={cn(control, "h-10 px-2.5 sm:h-9", stateClasses(invalid), className)}
    >
      {children}
    </select>
  );
}

/** What a *Field composite adds to its control's own props; `className` stays on the control. */
type FieldControlProps = {
  label: string;
  /** id of the control; also the prefix of the hint/error ids. */
  id: string;
  hint?: ReactNode;
  error?: string;
  /** Classes for the Field wrapper (the control gets `className`). */
  fieldClassName?: string;
};

type Composite<P> = FieldControlProps & Omit<P, keyof FieldControlProps | "invalid" | "aria-describedby">;

/** The control's `invalid` and `aria-describedby`, derived from the hint and error Field renders. */
function wiring(id: string, hint: ReactNode, error: string | undefined) {
  return {
    invalid: Boolean(error),
    "aria-describedby": describedBy(id, { hint: Boolean(hint), error: Boolean(error) }),
  };
}

/** Field + Input, with `invalid` and `aria-describedby` wired from `error` and `hint`. */
export function TextField({ label, id, hint, error, fieldClassName, ...props }: Composite<InputProps>) {
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error} className={fieldClassName}>
      <Input {...props} id={id} {...wiring(id, hint, error)} />
    </Field>
  );
}

/** Field + Textarea, wired like TextField. */
export function TextareaField({
  label,
  id,
  hint,
  error,
  fieldClassName,
  ...props
}: Composite<TextareaProps>) {
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error} className={fieldClassName}>
      <Textarea {...props} id={id} {...wiring(id, hint, error)} />
    </Field>
  );
}

/** Field + Select (pass the options as children), wired like TextField. */
export function SelectField({ label, id, hint, error, fieldClassName, ...props }: Composite<SelectProps>) {
  return (
    <Field label={label} htmlFor={id} hint={hint} error={error} className={fieldClassName}>
      <Select {...props} id={id} {...wiring(id, hint, error)} />
    </Field>
  );
}
