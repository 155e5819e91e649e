import type { ReactNode } from "react";
import { SettingsNav } from "@/components/apps/settings-nav";

type Props = { children: ReactNode; params: Promise<{ appKey: string }> };

/** Setting → its sub-pages (General, Webhook, Transfer, Delete), in the sidebar as Pgyer lays it out. */
export default async function SettingsLayout({ children, params }: Props) {
  const { appKey } = await params;
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <SettingsNav appKey={appKey} />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
