import type { ReactNode } from "react";

/**
 * A JSON value pretty-printed, each object and array in a <details> that folds it (open at first): readable
 * and collapsible without a library, and its text is still the JSON (copy it whole with a CopyButton).
 */
export function JsonView({ value }: { value: unknown }) {
  return <div className="font-mono text-xs leading-relaxed">{node(value, null, true)}</div>;
}

/** The text of a body: pretty JSON when it parses, else as it is. */
export function prettyBody(text: string): { json: true; value: unknown } | { json: false; text: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object") return { json: true, value };
  } catch {
    // not JSON: shown as text
  }
  return { json: false, text };
}

function scalar(value: unknown): ReactNode {
  if (typeof value === "string") return <span className="text-emerald-800">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-indigo-800">{String(value)}</span>;
  if (typeof value === "boolean" || value === null)
    return <span className="text-amber-800">{String(value)}</span>;
  return <span>{JSON.stringify(value) ?? "null"}</span>;
}

function node(value: unknown, key: string | null, last: boolean): ReactNode {
  const label = key === null ? null : <span className="text-zinc-500">{JSON.stringify(key)}: </span>;
  const comma = last ? "" : ",";
  if (value === null || typeof value !== "object") {
    return (
      <div>
        {label}
        {scalar(value)}
        {comma}
      </div>
    );
  }
  const entries: Array<[string | null, unknown]> = Array.isArray(value)
    ? value.map((item) => [null, item])
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div>
        {label}
        {open}
        {close}
        {comma}
      </div>
    );
  }
  return (
    <details open className="group">
      <summary className="flex min-h-10 cursor-pointer list-none items-center rounded focus-visible:outline-2 focus-visible:outline-indigo-600 sm:block sm:min-h-0">
        {label}
        {open}
        <span className="hidden text-zinc-500 group-[:not([open])]:inline">
          {" "}
          … {entries.length} {close}
          {comma}
        </span>
      </summary>
      <div className="border-l border-zinc-200 pl-4">
        {entries.map(([childKey, child], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: JSON members keep their order
          <div key={index}>{node(child, childKey, index === entries.length - 1)}</div>
        ))}
      </div>
      <div>
        {close}
        {comma}
      </div>
    </details>
  );
}
