import type { Metadata } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrowserSetup } from "@/components/browser-setup";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: "AppHooks", template: "%s · AppHooks" }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry the nonce of that view's Content-Security-Policy.
  await connection();
  return (
    <html lang={await getLocale()}>
      <body>
        {/* Messages, language, time zone and the request's clock reach the client components from here. */}
        <NextIntlClientProvider>
          <BrowserSetup />
          {children}
          <Toaster />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
