import { Spinner } from "@/components/ui/spinner";

export default function Loading() {
  return (
    <div className="flex items-center gap-2 py-12 text-sm text-zinc-600">
      <Spinner label="Loading page" />
      <span aria-hidden="true">Loading…</span>
    </div>
  );
}
