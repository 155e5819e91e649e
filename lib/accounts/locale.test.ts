import { describe, expect, test } from "vitest";
import { findUserById } from "@/lib/db/queries/users";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { makeUser } from "@/test/factories";
import { savedLocale, saveLocale } from "./locale";

describe.each(dbTargets())("the dashboard language of an account (%s)", (kind) => {
  useTestDatabase(kind);

  test("none until chosen; a choice is saved on the account and found by its email in any case", async () => {
    const { user, email } = await makeUser();
    expect(user.locale).toBeNull();
    expect(await savedLocale(email)).toBeNull();

    expect(await saveLocale(user.id, "zh-CN")).toBe("zh-CN");
    expect((await findUserById(user.id))?.locale).toBe("zh-CN");
    expect(await savedLocale(` ${email.toUpperCase()} `)).toBe("zh-CN");

    await saveLocale(user.id, "en");
    expect(await savedLocale(email)).toBe("en");
  });

  test("a language the dashboard does not speak is refused, and the saved one stays", async () => {
    const { user, email } = await makeUser();
    await saveLocale(user.id, "zh-CN");
    for (const input of ["zh", "fr", "", null, 42]) {
      const error = await appErrorOf(() => saveLocale(user.id, input));
      expect(error.code).toBe("invalid");
      expect(error.message).toBe("Please correct the highlighted fields.");
    }
    expect(await savedLocale(email)).toBe("zh-CN");
  });

  test("an unknown email has no language", async () => {
    expect(await savedLocale("nobody@example.test")).toBeNull();
  });
});
