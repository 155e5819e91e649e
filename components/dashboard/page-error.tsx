"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** What an error boundary shows: nothing technical, and a way to try again. */
export function PageError({ reset }: { reset: () => void }) {
  const t = useTranslations();
  return (
    <div className="flex max-w-xl flex-col gap-4">
      <Alert tone="danger" title={t("errorPages.page.title")}>
        {t("errorPages.page.body")}
      </Alert>
      <Button variant="secondary" onClick={reset} className="self-start">
        {t("common.tryAgain")}
      </Button>
    </div>
  );
}
