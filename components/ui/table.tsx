import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Native <table> inside a horizontally scrollable wrapper. */
export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    <div className="w-full overflow-x-auto">
      <table {...props} className={cn("w-full border-collapse text-left text-sm", className)} />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return <thead {...props} className={cn("border-b border-zinc-200 bg-zinc-50", className)} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody {...props} className={cn("divide-y divide-zinc-100", className)} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr {...props} className={cn("hover:bg-zinc-50/60", className)} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      {...props}
      scope={scope}
      className={cn("px-3 py-2 text-xs font-medium whitespace-nowrap text-zinc-500", className)}
    />
  );
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td {...props} className={cn("px-3 py-2.5 align-middle text-zinc-700", className)} />;
}
