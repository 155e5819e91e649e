import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { CrashReport, Feedback } from "@/lib/db/schema";
import { formatUtc } from "@/lib/format";

function versionLabel(item: { appVersion: string | null; build: string | null }): string {
  if (!item.appVersion) return "—";
  return item.build ? `${item.appVersion} (${item.build})` : item.appVersion;
}

/** The app's feedback, newest first (the list query's order). */
export function FeedbackSection({ items }: { items: Feedback[] }) {
  return (
    <Card>
      <CardHeader
        title="Feedback"
        description="Newest first. Sent by testers and users through the events API."
      />
      {items.length === 0 ? (
        <EmptyState
          as="h3"
          title="No feedback yet"
          description="Feedback sent to this app appears here, and goes to the webhooks subscribed to Feedback."
        />
      ) : (
        <Table>
          <caption className="sr-only">Feedback, newest first</caption>
          <THead>
            <TR>
              <TH>Received</TH>
              <TH>Feedback</TH>
              <TH>Contact</TH>
              <TH>Device</TH>
              <TH>Version</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((item) => (
              <TR key={item.id}>
                <TD label="Received" className="whitespace-nowrap">
                  {formatUtc(item.createdAt)}
                </TD>
                <TD label="Feedback" className="max-w-md whitespace-pre-line break-words text-zinc-900">
                  {item.content}
                </TD>
                <TD label="Contact" className="break-words">
                  {item.contact || "—"}
                </TD>
                <TD label="Device">{item.device || "—"}</TD>
                <TD label="Version" className="whitespace-nowrap">
                  {versionLabel(item)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}

/** The app's crash reports, newest first; the stack opens on demand. */
export function CrashReportsSection({ items }: { items: CrashReport[] }) {
  return (
    <Card>
      <CardHeader title="Crash reports" description="Newest first. Sent by the app through the events API." />
      {items.length === 0 ? (
        <EmptyState
          as="h3"
          title="No crash reports yet"
          description="Crash reports sent for this app appear here, and go to the webhooks subscribed to Crash log."
        />
      ) : (
        <Table>
          <caption className="sr-only">Crash reports, newest first</caption>
          <THead>
            <TR>
              <TH>Received</TH>
              <TH>Exception</TH>
              <TH>Occurrences</TH>
              <TH>Device</TH>
              <TH>Version</TH>
            </TR>
          </THead>
          <TBody>
            {items.map((item) => (
              <TR key={item.id}>
                <TD label="Received" className="whitespace-nowrap align-top">
                  {formatUtc(item.createdAt)}
                </TD>
                <TD label="Exception" className="max-w-lg align-top">
                  <p className="break-words font-medium text-zinc-900">{item.exception}</p>
                  {item.stack ? (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-xs text-indigo-700 max-sm:py-3">
                        Stack trace
                      </summary>
                      <pre className="mt-1 max-h-64 overflow-auto rounded bg-zinc-50 p-2 font-mono text-xs whitespace-pre-wrap wrap-anywhere text-zinc-700">
                        {item.stack}
                      </pre>
                    </details>
                  ) : null}
                </TD>
                <TD label="Occurrences" className="align-top">
                  {item.occurrences}
                </TD>
                <TD label="Device" className="align-top">
                  {item.device || "—"}
                </TD>
                <TD label="Version" className="whitespace-nowrap align-top">
                  {versionLabel(item)}
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
