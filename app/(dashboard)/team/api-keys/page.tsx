import type { Metadata } from "next";
import Link from "next/link";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireTeamContext } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/db/queries/api-keys";
import { can, ROLES, roleAtLeast } from "@/lib/domain/roles";
import { formatUtc } from "@/lib/format";
import { API_KEY_ACCESS_LABELS } from "@/lib/validation/api-key";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

const when = (date: Date | null) => (date ? formatUtc(date) : "Never");

export default async function ApiKeysPage() {
  const { current } = await requireTeamContext();
  const teamId = current.team.id;
  const manages = roleAtLeast(current.role, "admin");
  const keys = manages ? await listApiKeys(teamId) : [];
  const grantable = ROLES.filter((role) => can.grantRole(current.role, role)).reverse();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-zinc-600">
          Keys of {current.team.name} for the API: send events (new versions, feedback, crashes) to{" "}
          <code className="font-mono text-xs">POST /api/v1/apps/&lt;app key&gt;/events</code>, and manage
          apps, webhooks and deliveries. See the{" "}
          <Link href="/api-reference" className="font-medium text-indigo-700 underline">
            API reference
          </Link>
          .
        </p>
      </div>
      {manages ? (
        <Card>
          <CardHeader title="Create an API key" description="Name it after where it will be used." />
          <div className="mt-4">
            <CreateApiKeyForm action={createApiKeyAction.bind(null, teamId)} grantable={grantable} />
          </div>
        </Card>
      ) : (
        <Alert tone="info" title="Read-only access">
          Only admins and owners can create or revoke API keys.
        </Alert>
      )}
      {!manages ? null : keys.length === 0 ? (
        <EmptyState
          title="No API keys yet"
          description="Create one to send events from your CI or your app."
        />
      ) : (
        <Table>
          <caption className="sr-only">API keys of {current.team.name}</caption>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Key</TH>
              <TH>Access</TH>
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {keys.map((key) => (
              <TR key={key.id}>
                <TD className="font-medium">{key.name}</TD>
                <TD label="Key">
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </TD>
                <TD label="Access">
                  <Badge tone={key.role === "member" ? "neutral" : "info"}>
                    {API_KEY_ACCESS_LABELS[key.role]}
                  </Badge>
                </TD>
                <TD label="Created">
                  {when(key.createdAt)}
                  {key.createdByName ? (
                    <div className="text-xs text-zinc-500">by {key.createdByName}</div>
                  ) : null}
                </TD>
                <TD label="Last used">{when(key.lastUsedAt)}</TD>
                <TD className="sm:text-right">
                  <RevokeApiKeyButton
                    name={key.name}
                    action={revokeApiKeyAction.bind(null, teamId, key.id)}
                  />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
}
