// The message files (messages/*.json, docs/i18n.md#messages), one per dashboard language, for the request configuration.
import "server-only";

import type { Locale } from "@/lib/domain/locales";
import en from "@/messages/en.json";
import zhCN from "@/messages/zh-CN.json";

export type Messages = typeof en;

const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": zhCN };

export function messagesFor(locale: Locale): Messages {
  return MESSAGES[locale];
}
