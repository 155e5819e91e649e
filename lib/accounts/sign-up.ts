import "server-only";
import { hashPassword } from "@/lib/crypto/password";
import { insertUserWithTeam } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { defaultPayloadTimeZone } from "@/lib/domain/time-zones";
import { invalid, text } from "@/lib/errors";
import { signUpInput } from "@/lib/validation/auth";
import { parseInput } from "@/lib/validation/parse";

export function personalTeamName(name: string): string {
  return `${name.split(/\s+/)[0] || name}'s team`;
}

/**
 * Creates the account and the user's own team (they are its owner), whose payload time zone follows the
 * dashboard language the user signed up in (`locale`, e.g. "zh-CN").
 */
export async function signUp(input: unknown, locale: string | null): Promise<User> {
  const values = parseInput(signUpInput, input);
  try {
    return await insertUserWithTeam({
      name: values.name,
      email: values.email,
      passwordHash: await hashPassword(values.password),
      teamName: personalTeamName(values.name),
      payloadTimeZone: defaultPayloadTimeZone(locale),
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw invalid({ email: text("auth.emailTaken") });
    }
    throw error;
  }
}
