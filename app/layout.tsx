import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { BrowserSetup } from "@/components/browser-setup";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AppHooks", template: "%s · AppHooks" },
  description: "Webhooks for your app releases, feedback and crashes.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page is rendered per request: its scripts carry the nonce of that view's Content-Security-Policy.
  await connection();
  return (
    <html lang="en">
      <body>
        <BrowserSetup />
        {children}
        <Toaster />
      </body>
    </html>
  );
}
