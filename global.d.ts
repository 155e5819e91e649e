import type { Locale } from "@/lib/domain/locales";
import type { Messages } from "@/lib/i18n/messages";

// next-intl checks every message key and the locale against messages/en.json at compile time (docs/i18n.md).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
