"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyOnceField } from "@/components/ui/copy-once-field";
import { ConfirmDialog } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { formatUtc } from "@/lib/format";
import type { SigningSecretView } from "@/lib/webhooks/signing-secret";

type Props = {
  reveal: () => Promise<ActionResult<SigningSecretView>>;
  rotate: () => Promise<ActionResult<SigningSecretView>>;
  /** Until when the previous secret still signs (ISO), if a rotation is under way. */
  previousExpiresAt: string | null;
};

/**
 * The webhook's Standard Webhooks signing secret, for admins: hidden until "Reveal" fetches it (decrypted on
 * demand by the server), "Copy", and "Rotate secret" after confirming.
 */
export function SigningSecretPanel({ reveal, rotate, previousExpiresAt: initialExpiry }: Props) {
  const [secret, setSecret] = useState<string | null>(null);
  const [previousExpiresAt, setPreviousExpiresAt] = useState(initialExpiry);
  const [confirming, setConfirming] = useState(false);
  const revealAction = useAction(reveal);
  const rotateAction = useAction(rotate);

  function show(view: SigningSecretView) {
    setSecret(view.secret);
    setPreviousExpiresAt(view.previousExpiresAt);
  }

  function confirmRotate() {
    rotateAction.run(undefined, (view) => {
      setConfirming(false);
      show(view);
      toast({
        title: "Signing secret rotated",
        description: "The previous secret keeps signing beside the new one for 24 hours.",
        tone: "success",
      });
    });
  }

  const failure = revealAction.failure ?? (confirming ? null : rotateAction.failure);
  return (
    <Card>
      <CardHeader
        as="h3"
        title="Signing secret"
        description={
          <>
            Every delivery carries <code className="font-mono text-xs">webhook-signature</code> headers made
            with this secret (the Standard Webhooks scheme), so your receiver can check that a request comes
            from AppHooks.
          </>
        }
      />
      <div className="flex flex-col gap-4">
        {secret ? (
          <CopyOnceField
            label="Signing secret"
            id="signing-secret"
            value={secret}
            copyLabel="Copy"
            hint="Keep it secret: anyone with it can forge deliveries."
          >
            <Button variant="ghost" onClick={() => setSecret(null)}>
              Hide
            </Button>
          </CopyOnceField>
        ) : (
          <p className="font-mono text-sm text-zinc-500">
            <span aria-hidden="true">whsec_••••••••••••••••••••••••</span>
            <span className="sr-only">The signing secret is hidden.</span>
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {secret ? null : (
            <Button
              variant="secondary"
              onClick={() => revealAction.run(undefined, show)}
              pending={revealAction.pending}
            >
              Reveal
            </Button>
          )}
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            Rotate secret
          </Button>
        </div>
        {failure ? <Alert tone="danger">{failure.error}</Alert> : null}
        {previousExpiresAt ? (
          <Alert tone="info" title="Rotation under way">
            The previous secret also signs every delivery until {formatUtc(new Date(previousExpiresAt))}.
            After that only the current one does: switch your receiver to it before then.
          </Alert>
        ) : (
          <p className="text-xs text-zinc-500">
            Rotating makes a new secret current at once; the old one keeps signing beside it for 24 hours, so
            your receiver can switch over without missing a delivery.
          </p>
        )}
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Rotate the signing secret?"
        description={
          <>
            A new secret becomes current at once. The current one keeps signing beside it for 24 hours, then
            stops.
            {previousExpiresAt ? " The previous secret of the last rotation stops signing now." : ""}
            {rotateAction.failure ? (
              <span className="mt-2 block font-medium text-red-700">{rotateAction.failure.error}</span>
            ) : null}
          </>
        }
        confirmLabel="Yes, rotate"
        tone="primary"
        pending={rotateAction.pending}
        onConfirm={confirmRotate}
      />
    </Card>
  );
}
