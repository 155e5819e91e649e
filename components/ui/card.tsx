import type { ComponentProps, ReactNode } from "react";
import { cn } from "./cn";

type CardProps = ComponentProps<"section">;

export function Card({ className, ...props }: CardProps) {
  return (
    <section
      {...props}
      className={cn("rounded-lg border border-zinc-200 bg-white p-4 shadow-xs sm:p-5", className)}
    />
  );
}

type CardHeaderProps = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  as?: "h2" | "h3";
  className?: string;
};

export function CardHeader({ title, description, actions, as: Heading = "h2", className }: CardHeaderProps) {
  return (
    <div className={cn("mb-4 flex flex-wrap items-start justify-between gap-3", className)}>
      <div className="flex min-w-0 flex-col gap-1">
        <Heading className="text-base font-semibold text-zinc-900">{title}</Heading>
        {description ? <div className="text-sm text-zinc-600">{description}</div> : null}
      </div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}
