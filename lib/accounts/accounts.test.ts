import { describe, expect, test } from "vitest";
import { verifyPassword } from "@/lib/crypto/password";
import { listTeamsForUser } from "@/lib/db/queries/teams";
import { findUserByEmail } from "@/lib/db/queries/users";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { uniqueSuffix } from "@/test/factories";
import { LOGIN_LIMITS } from "./login-limit";
import { personalTeamName, signUp } from "./sign-up";
import { verifyCredentials } from "./verify-credentials";

const PASSWORD = "a long enough password";

async function newAccount(name = "Ada Lovelace") {
  const email = `ada-${uniqueSuffix()}@example.test`;
  const user = await signUp({ name, email, password: PASSWORD }, "en");
  return { user, email };
}

describe.each(dbTargets())("accounts (%s)", (kind) => {
  useTestDatabase(kind);

  describe("signUp", () => {
    test("creates the user with their own team, of which they are the owner", async () => {
      const email = `Ada.${uniqueSuffix()}@Example.TEST`;
      const user = await signUp({ name: " Ada Lovelace ", email: ` ${email} `, password: PASSWORD }, "en");
      expect(user.name).toBe("Ada Lovelace");
      expect(user.email).toBe(email.toLowerCase());
      expect(user.passwordHash).not.toContain(PASSWORD);
      expect(await verifyPassword(PASSWORD, user.passwordHash ?? "")).toBe(true);

      const teams = await listTeamsForUser(user.id);
      expect(teams.map((t) => [t.team.name, t.role])).toEqual([["Ada's team", "owner"]]);
      expect(personalTeamName("Ada Lovelace")).toBe("Ada's team");
      expect(teams[0]?.team.payloadTimeZone).toBe("UTC");
    });

    test("signed up in Chinese: the team's payloads are written in China time; in another language, UTC", async () => {
      const zone = async (locale: string | null) => {
        const email = `zone-${uniqueSuffix()}@example.test`;
        const user = await signUp({ name: "Li Lei", email, password: PASSWORD }, locale);
        return (await listTeamsForUser(user.id))[0]?.team.payloadTimeZone;
      };
      expect(await zone("zh-CN")).toBe("Asia/Shanghai");
      expect(await zone("en")).toBe("UTC");
      expect(await zone(null)).toBe("UTC");
    });

    test("the same email in another case is refused on the email field, and no second account exists", async () => {
      const { email } = await newAccount();
      const error = await appErrorOf(() =>
        signUp({ name: "Someone Else", email: email.toUpperCase(), password: "another password" }, "en"),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        email: "An account with this email already exists. Sign in instead.",
      });
      const existing = await findUserByEmail(email);
      expect(existing?.name).toBe("Ada Lovelace");
      expect(await listTeamsForUser(existing?.id ?? "")).toHaveLength(1);
    });

    test("invalid input names each field", async () => {
      const error = await appErrorOf(() =>
        signUp({ name: "", email: "not-an-email", password: "short" }, "en"),
      );
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({
        name: "Enter your name.",
        email: "Enter a valid email address, like name@example.com.",
        password: "Password must be at least 8 characters.",
      });
    });
  });

  describe("verifyCredentials", () => {
    test("the right password signs in (email in any case); a wrong one or an unknown email does not", async () => {
      const { user, email } = await newAccount();
      const ok = await verifyCredentials({ email: email.toUpperCase(), password: PASSWORD }, null);
      expect(ok.ok && ok.user.id).toBe(user.id);
      expect(await verifyCredentials({ email, password: `${PASSWORD}!` }, null)).toEqual({
        ok: false,
        reason: "invalid",
      });
      expect(
        await verifyCredentials({ email: `nobody-${uniqueSuffix()}@example.test`, password: PASSWORD }, null),
      ).toEqual({ ok: false, reason: "invalid" });
      expect(await verifyCredentials({ email: "", password: "" }, null)).toEqual({
        ok: false,
        reason: "invalid",
      });
    });

    test("after 5 failures for an email, even the right password is refused until the window passes", async () => {
      expect(LOGIN_LIMITS.perEmail).toBe(5);
      const { email } = await newAccount();
      for (let i = 0; i < 5; i++) {
        expect(await verifyCredentials({ email, password: `wrong ${i}` }, null)).toEqual({
          ok: false,
          reason: "invalid",
        });
      }
      const blocked = await verifyCredentials({ email: email.toUpperCase(), password: PASSWORD }, null);
      expect(blocked.ok).toBe(false);
      if (blocked.ok || blocked.reason !== "rate_limited")
        throw new Error(`expected rate_limited, got ${JSON.stringify(blocked)}`);
      expect(blocked.retryAfterMs).toBeGreaterThan(0);
      expect(blocked.retryAfterMs).toBeLessThanOrEqual(LOGIN_LIMITS.windowMs);

      // Another account is not affected.
      const other = await newAccount();
      expect((await verifyCredentials({ email: other.email, password: PASSWORD }, null)).ok).toBe(true);
    });

    test("parallel guesses cannot get past the limit together", async () => {
      const { email } = await newAccount();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => verifyCredentials({ email, password: `guess ${i}` }, null)),
      );
      const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
      expect(checked).toBeLessThanOrEqual(LOGIN_LIMITS.perEmail);
      expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(12 - checked);
    });

    test("a successful sign-in clears the email's failure count", async () => {
      const { email } = await newAccount();
      for (let i = 0; i < 4; i++) await verifyCredentials({ email, password: "wrong" }, null);
      expect((await verifyCredentials({ email, password: PASSWORD }, null)).ok).toBe(true);
      // Without the reset these 4 would make 8 failures, over the limit of 5.
      for (let i = 0; i < 4; i++) await verifyCredentials({ email, password: "wrong" }, null);
      expect((await verifyCredentials({ email, password: PASSWORD }, null)).ok).toBe(true);
    });

    test("failures from one address across many emails are limited per address", async () => {
      const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const { email } = await newAccount();
      for (let i = 0; i < LOGIN_LIMITS.perIp; i++) {
        await verifyCredentials(
          { email: `guess-${i}-${uniqueSuffix()}@example.test`, password: "wrong" },
          ip,
        );
      }
      const blocked = await verifyCredentials({ email, password: PASSWORD }, ip);
      expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
      // The same account from another address is fine.
      expect((await verifyCredentials({ email, password: PASSWORD }, "203.0.113.7")).ok).toBe(true);
    });
  });
});
