import "server-only";
import { signUp } from "@/lib/accounts/sign-up";
import { createApp } from "@/lib/apps/create-app";
import { db } from "@/lib/db/client";
import { listAppsForTeam } from "@/lib/db/queries/apps";
import { listTeamsForUser } from "@/lib/db/queries/teams";
import { findUserByEmail } from "@/lib/db/queries/users";
import { insertVersion } from "@/lib/db/queries/versions";
import { log } from "@/lib/observability/log";

/** The demo account the README names; created in development only (SEED_DEMO). */
export const DEMO = { name: "Demo User", email: "demo@apphooks.dev", password: "apphooks-demo" };

export async function ensureDemoAccount(): Promise<void> {
  if (await findUserByEmail(DEMO.email)) return;
  const user = await signUp(DEMO, "en");
  const [team] = await listTeamsForUser(user.id);
  if (!team || (await listAppsForTeam(team.team.id)).length > 0) return;
  const app = await createApp(user.id, team.team.id, {
    name: "Demo App",
    platform: "ios",
    bundleId: "dev.apphooks.demo",
  });
  await insertVersion(await db(), {
    appId: app.id,
    version: "1.0.0",
    build: "1",
    sizeBytes: 48_234_496,
    notes: "First release of the demo app.",
  });
  log.info(`demo account ready: ${DEMO.email} / ${DEMO.password} (app "${app.name}")`);
}
