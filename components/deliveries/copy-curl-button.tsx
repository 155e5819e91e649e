"use client";

import { useTranslations } from "next-intl";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";

type Props = { curl: () => Promise<ActionResult<{ command: string }>> };

/**
 * "Copy as cURL": asks the server for the delivery's request signed this moment (the signature holds for
 * 5 minutes) and puts the curl command on the clipboard; when the browser refuses, the command is shown to copy.
 */
export function CopyCurlButton({ curl }: Props) {
  const t = useTranslations("deliveries.curl");
  const tc = useTranslations("common");
  const action = useAction(curl);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        pending={action.pending}
        onClick={() =>
          action.run(undefined, async ({ command }) => {
            try {
              await navigator.clipboard.writeText(command);
              toast({ title: t("copied"), description: t("copiedHint"), tone: "success" });
            } catch {
              toast({ title: tc("copyFailed"), description: tc("copyFailedHint"), tone: "error" });
            }
          })
        }
      >
        {t("button")}
      </Button>
      <div aria-live="polite">{action.error ? <Alert tone="danger">{action.error}</Alert> : null}</div>
    </div>
  );
}
