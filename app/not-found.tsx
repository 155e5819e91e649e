import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-sm text-zinc-600">
        This page does not exist, or it belongs to a team you are not a member of.
      </p>
      <ButtonLink href="/apps">Go to My Apps</ButtonLink>
    </main>
  );
}
