/** A member's role in a team, and what each may do (docs/security.md#roles). */
export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];
// The dashboard names roles and says what each may do from messages/*.json (`roles`).

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

/** What each role may do; the UI uses it to hide controls, the domain to refuse. */
export const can = {
  editWebhooks: (role: Role) => roleAtLeast(role, "admin"),
  createApps: (role: Role) => roleAtLeast(role, "admin"),
  inviteMembers: (role: Role) => roleAtLeast(role, "admin"),
  /** Admins may invite admins and members; only owners may make owners. */
  grantRole: (role: Role, granted: Role) =>
    roleAtLeast(role, "owner") || (role === "admin" && granted !== "owner"),
  manageMembers: (role: Role) => roleAtLeast(role, "owner"),
  /** Team settings: the payload time zone. */
  editTeamSettings: (role: Role) => roleAtLeast(role, "admin"),
  /** Upload, edit, hide, show and delete versions. */
  editVersions: (role: Role) => roleAtLeast(role, "admin"),
  /** Setting → General: name, description, icon, install password. */
  editAppSettings: (role: Role) => roleAtLeast(role, "admin"),
  /** Setting → Transfer and Delete. */
  transferApps: (role: Role) => roleAtLeast(role, "owner"),
  deleteApps: (role: Role) => roleAtLeast(role, "owner"),
};
