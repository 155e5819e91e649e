import "server-only";
import nodemailer from "nodemailer";
import { describeError } from "@/lib/log-error";
import { log } from "@/lib/observability/log";

/** One email to one address. */
export type Mail = { to: string; subject: string; text: string; html: string };

/** How sending ended: sent to the SMTP server, written to the log (no SMTP_URL), or refused with a reason. */
export type MailOutcome =
  | { outcome: "sent" }
  | { outcome: "previewed" }
  | { outcome: "failed"; error: string };

export type Mailer = {
  /** Whether emails only go to the log and the preview page (no SMTP server). */
  preview: boolean;
  /** Never throws: a failure is the outcome. */
  send(mail: Mail): Promise<MailOutcome>;
  close(): void;
};

/** The smallest timeouts that still suit a slow relay: an alert pass must not hang on a dead SMTP server. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * The alert mailer (docs/alerts.md#email): through the SMTP server of `smtpUrl` (nodemailer; smtps:// for TLS
 * from the start, smtp:// with STARTTLS when the server offers it), from `from`. Without a URL nothing is sent:
 * each email is written to the JSON log at info level, and the caller keeps it for the preview page.
 */
export function createMailer(config: { smtpUrl: string | null; from: string }): Mailer {
  if (!config.smtpUrl) {
    return {
      preview: true,
      async send(mail) {
        log.info(
          { mail: { from: config.from, ...mail } },
          `alert email (not sent: no SMTP_URL): ${mail.subject}`,
        );
        return { outcome: "previewed" };
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl, TIMEOUTS);
  return {
    preview: false,
    async send(mail) {
      try {
        await transport.sendMail({ from: config.from, ...mail });
        return { outcome: "sent" };
      } catch (error) {
        return { outcome: "failed", error: describeError(error) };
      }
    },
    close() {
      transport.close();
    },
  };
}
