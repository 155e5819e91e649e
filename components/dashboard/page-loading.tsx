import { useTranslations } from "next-intl";
import { Spinner } from "@/components/ui/spinner";

/**
 * What a page shows while it loads. Used by `loading.tsx` files only where nothing below can answer "Not found":
 * a page that streams has already answered 200, so pages under a dynamic segment (an app, a webhook, a
 * delivery) check existence before any loading boundary and answer 404.
 */
export function PageLoading() {
  const t = useTranslations("common");
  return (
    <div className="flex items-center gap-2 py-12 text-sm text-zinc-600">
      <Spinner label={t("loadingPage")} />
      <span aria-hidden="true">{t("loading")}</span>
    </div>
  );
}
