import type { ReactNode } from "react";
import { cn } from "./cn";

type AlertTone = "info" | "warning" | "danger" | "success";

const tones: Record<AlertTone, string> = {
  info: "border-indigo-200 bg-indigo-50 text-indigo-900",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-900",
  success: "border-green-200 bg-green-50 text-green-900",
};

type AlertProps = { tone: AlertTone; title?: string; className?: string; children?: ReactNode };

/** role="alert" for danger (assertive), role="status" otherwise. */
export function Alert({ tone, title, className, children }: AlertProps) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cn("rounded-md border px-4 py-3 text-sm", tones[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cn(title && "mt-1", "opacity-90")}>{children}</div> : null}
    </div>
  );
}
