"use client";

import { useSyncExternalStore } from "react";
import {
  DEFAULT_LOCALE,
  isLocale,
  LOCALE_COOKIE,
  type Locale,
  localeFromAcceptLanguage,
} from "@/lib/domain/locales";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

const TEXTS = {
  en: { ...en.errorPages.global, tryAgain: en.common.tryAgain },
  "zh-CN": { ...zhCN.errorPages.global, tryAgain: zhCN.common.tryAgain },
} as const;

/** The browser's language as the server would choose it without the account: the cookie, else the browser's. */
function browserLocale(): Locale {
  const cookie = document.cookie
    .split("; ")
    .find((part) => part.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return isLocale(cookie) ? cookie : localeFromAcceptLanguage(navigator.languages.join(","));
}

const noSubscription = () => () => {};

/**
 * The last resort, when even the root layout failed: plain HTML, no styles or providers (so no next-intl: its
 * two texts come straight from the message files, in the browser's language once it runs).
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const locale = useSyncExternalStore(noSubscription, browserLocale, () => DEFAULT_LOCALE);
  const t = TEXTS[locale];
  return (
    <html lang={locale}>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", maxWidth: "36rem" }}>
        <h1>{t.title}</h1>
        <p>{t.body}</p>
        <button type="button" onClick={reset}>
          {t.tryAgain}
        </button>
      </body>
    </html>
  );
}
