import "server-only";
import { hashPassword } from "@/lib/crypto/password";
import { insertUserWithTeam } from "@/lib/db/queries/users";
import type { User } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { invalid, text } from "@/lib/errors";
import { signUpInput } from "@/lib/validation/auth";
import { parseInput } from "@/lib/validation/parse";

export function personalTeamName(name: string): string {
  return `${name.split(/\s+/)[0] || name}'s team`;
}

/** Creates the account and the user's own team (they are its owner). */
export async function signUp(input: unknown): Promise<User> {
  const values = parseInput(signUpInput, input);
  try {
    return await insertUserWithTeam({
      name: values.name,
      email: values.email,
      passwordHash: await hashPassword(values.password),
      teamName: personalTeamName(values.name),
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw invalid({ email: text("auth.emailTaken") });
    }
    throw error;
  }
}
