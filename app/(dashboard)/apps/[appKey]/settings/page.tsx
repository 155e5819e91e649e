import { redirect } from "next/navigation";

export default async function SettingsPage({ params }: { params: Promise<{ appKey: string }> }) {
  const { appKey } = await params;
  redirect(`/apps/${appKey}/settings/webhooks`);
}
