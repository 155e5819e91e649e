"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyOnceField } from "@/components/ui/copy-once-field";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Time } from "@/components/ui/time";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import type { SigningSecretView } from "@/lib/webhooks/signing-secret";
import { ReceiverSnippets } from "./receiver-snippets";

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
  const t = useTranslations("webhooks.secret");

  function show(view: SigningSecretView) {
    setSecret(view.secret);
    setPreviousExpiresAt(view.previousExpiresAt);
  }

  function confirmRotate() {
    rotateAction.run(undefined, (view) => {
      setConfirming(false);
      show(view);
      toast({
        title: t("rotated"),
        description: t("rotatedHint"),
        tone: "success",
      });
    });
  }

  const failure = revealAction.failure ?? (confirming ? null : rotateAction.failure);
  return (
    <Card>
      <CardHeader
        as="h3"
        title={t("title")}
        description={t.rich("description", {
          code: (chunks) => <code className="font-mono text-xs">{chunks}</code>,
        })}
      />
      <div className="flex flex-col gap-4">
        {secret ? (
          <CopyOnceField
            label={t("label")}
            id="signing-secret"
            value={secret}
            copyLabel={t("copy")}
            hint={t("keepSecret")}
          >
            <Button variant="ghost" onClick={() => setSecret(null)}>
              {t("hide")}
            </Button>
          </CopyOnceField>
        ) : (
          <p className="font-mono text-sm text-zinc-500">
            <span aria-hidden="true">whsec_••••••••••••••••••••••••</span>
            <span className="sr-only">{t("hidden")}</span>
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {secret ? null : (
            <Button
              variant="secondary"
              onClick={() => revealAction.run(undefined, show)}
              pending={revealAction.pending}
            >
              {t("reveal")}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t("rotate")}
          </Button>
        </div>
        {failure ? <Alert tone="danger">{failure.error}</Alert> : null}
        {previousExpiresAt ? (
          <Alert tone="info" title={t("rotatingTitle")}>
            {t.rich("rotating", { time: () => <Time value={previousExpiresAt} /> })}
          </Alert>
        ) : (
          <p className="text-xs text-zinc-500">{t("rotateHint")}</p>
        )}
        <ReceiverSnippets secret={secret} />
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={t("confirmTitle")}
        description={
          <>
            {t("confirmDescription")}
            {previousExpiresAt ? ` ${t("confirmPrevious")}` : ""}
            {rotateAction.failure ? (
              <span className="mt-2 block font-medium text-red-700">{rotateAction.failure.error}</span>
            ) : null}
          </>
        }
        confirmLabel={t("confirm")}
        tone="primary"
        pending={rotateAction.pending}
        onConfirm={confirmRotate}
      />
    </Card>
  );
}
