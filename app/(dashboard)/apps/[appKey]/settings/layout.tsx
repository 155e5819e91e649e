import Link from "next/link";
import type { ReactNode } from "react";

type Props = { children: ReactNode; params: Promise<{ appKey: string }> };

/** Setting → its sub-pages (Webhook for now), in the sidebar as Pgyer lays it out. */
export default async function SettingsLayout({ children, params }: Props) {
  const { appKey } = await params;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label="Setting" className="md:w-44 md:shrink-0">
        <ul className="flex gap-1 md:flex-col">
          <li>
            <Link
              href={`/apps/${appKey}/settings/webhooks`}
              aria-current="page"
              className="block rounded-md bg-zinc-100 px-3 py-2 text-sm font-medium text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              Webhook
            </Link>
          </li>
        </ul>
      </nav>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
