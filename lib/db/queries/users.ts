import "server-only";
import { eq } from "drizzle-orm";
import { db } from "../client";
import { memberships, teams, type User, users } from "../schema";

export async function findUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await (await db()).select().from(users).where(eq(users.email, email)).limit(1);
  return user;
}

export async function findUserById(id: string): Promise<User | undefined> {
  const [user] = await (await db()).select().from(users).where(eq(users.id, id)).limit(1);
  return user;
}

/** A new user with their own team, in which they are the owner. */
export async function insertUserWithTeam(values: {
  name: string;
  email: string;
  passwordHash: string | null;
  teamName: string;
  /** From defaultPayloadTimeZone (lib/domain/time-zones.ts). */
  payloadTimeZone: string;
}): Promise<User> {
  return (await db()).transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: values.name, email: values.email, passwordHash: values.passwordHash })
      .returning();
    const [team] = await tx
      .insert(teams)
      .values({ name: values.teamName, payloadTimeZone: values.payloadTimeZone })
      .returning();
    if (!user || !team) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ teamId: team.id, userId: user.id, role: "owner" });
    return user;
  });
}

/** Saves the dashboard language the user chose ("en" | "zh-CN"). */
export async function updateUserLocale(id: string, locale: string): Promise<void> {
  await (await db()).update(users).set({ locale }).where(eq(users.id, id));
}
