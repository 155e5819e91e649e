import "server-only";
import type { Role } from "@/lib/domain/roles";

/** A team API key acting through the public API: it acts in its own team, as a member of its role would. */
export type ApiKeyActor = { apiKey: { id: string; teamId: string; role: Role } };

/**
 * Who asks for a domain action: a signed-in user (their id) or a team API key. Domain functions take an Actor
 * and check it with requireApp / requireTeam (lib/auth/access.ts), so the dashboard and the API follow one set
 * of rules.
 */
export type Actor = string | ApiKeyActor;

export const isApiKey = (actor: Actor): actor is ApiKeyActor => typeof actor !== "string";
