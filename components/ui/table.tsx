import type { ComponentProps } from "react";
import { cn } from "./cn";

/*
 * A native <table> that fits any screen. From the `sm` breakpoint up it is a table in a white box that scrolls
 * sideways inside itself when it must, with a shadow at the edge that has more columns. On a phone every row
 * is a card of "label: value" lines: give each TD the `label` of its column (its TH's text); a cell without one
 * (a row's name, its actions) spans the card. The column headers stay for screen readers, and the explicit
 * roles keep the table's semantics when CSS shows its parts as blocks (some browsers drop them otherwise).
 */

export function Table({ className, ...props }: ComponentProps<"table">) {
  return (
    // `relative` keeps the visually hidden headers inside the box (they are absolutely positioned).
    <div className="relative w-full sm:overflow-x-auto sm:rounded-lg sm:border sm:border-zinc-200 sm:scroll-shadows">
      <table
        // biome-ignore lint/a11y/noRedundantRoles: see the comment above Table
        role="table"
        {...props}
        className={cn("w-full border-collapse text-left text-sm max-sm:block", className)}
      />
    </div>
  );
}

export function THead({ className, ...props }: ComponentProps<"thead">) {
  return (
    <thead
      // biome-ignore lint/a11y/noRedundantRoles: see the comment above Table
      role="rowgroup"
      {...props}
      className={cn("border-b border-zinc-200 bg-zinc-50 max-sm:sr-only", className)}
    />
  );
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return (
    <tbody
      // biome-ignore lint/a11y/noRedundantRoles: see the comment above Table
      role="rowgroup"
      {...props}
      className={cn("divide-zinc-100 max-sm:flex max-sm:flex-col max-sm:gap-3 sm:divide-y", className)}
    />
  );
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return (
    <tr
      // biome-ignore lint/a11y/noRedundantRoles: see the comment above Table
      role="row"
      {...props}
      className={cn(
        "sm:hover:bg-zinc-50/60 max-sm:flex max-sm:flex-col max-sm:gap-1 max-sm:rounded-lg max-sm:border max-sm:border-zinc-200 max-sm:bg-white max-sm:px-4 max-sm:py-3 max-sm:shadow-xs",
        className,
      )}
    />
  );
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      role={scope === "row" ? "rowheader" : "columnheader"}
      {...props}
      scope={scope}
      className={cn("px-3 py-2 text-xs font-medium whitespace-nowrap text-zinc-500", className)}
    />
  );
}

type TDProps = ComponentProps<"td"> & {
  /** The column's name, shown before the value when the row is a card (phones). */
  label?: string;
};

export function TD({ className, label, children, ...props }: TDProps) {
  return (
    <td
      // biome-ignore lint/a11y/noRedundantRoles: see the comment above Table
      role="cell"
      {...props}
      data-label={label}
      className={cn(
        "px-3 py-2.5 align-middle text-zinc-700",
        "max-sm:max-w-none max-sm:px-0 max-sm:py-0.5 max-sm:text-left max-sm:wrap-anywhere",
        label
          ? "max-sm:grid max-sm:grid-cols-[minmax(6rem,38%)_minmax(0,1fr)] max-sm:items-baseline max-sm:gap-3 max-sm:before:text-xs max-sm:before:font-medium max-sm:before:text-zinc-500 max-sm:before:content-[attr(data-label)_/_'']"
          : "max-sm:block",
        className,
      )}
    >
      {/* On a phone the value is one grid item beside the label, whatever it holds. */}
      {label ? <div className="min-w-0 sm:contents">{children}</div> : children}
    </td>
  );
}
