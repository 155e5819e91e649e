import { describe, expect, test } from "vitest";
import { NO_ORIGIN } from "@/lib/audit/origin";
import { requireApp, requireTeam } from "@/lib/auth/access";
import { listPendingInvites } from "@/lib/db/queries/invites";
import { findTeamForUser, listMembers } from "@/lib/db/queries/teams";
import { appErrorOf } from "@/test/app-error";
import { dbTargets, useTestDatabase } from "@/test/databases";
import { addMember, makeTeamWithApp, makeUser } from "@/test/factories";
import { acceptInvite, createInvite, INVITE_TTL_MS, previewInvite, revokeInvite } from "./invites";
import { changeMemberRole, createTeam, removeMember } from "./members";
import { updatePayloadTimeZone } from "./team-settings";

/** Role of each member of a team, by user id. */
async function roles(teamId: string): Promise<Record<string, string>> {
  return Object.fromEntries((await listMembers(teamId)).map((m) => [m.userId, m.role]));
}

describe.each(dbTargets())("teams (%s)", (kind) => {
  useTestDatabase(kind);

  describe("invites", () => {
    test.each(["member", "admin"] as const)(
      "an admin invites a %s, who joins with that role",
      async (role) => {
        const { actor: admin, team } = await makeTeamWithApp("admin");
        const invite = await createInvite(admin.user.id, team.id, role);
        expect(invite.role).toBe(role);
        expect(invite.token.length).toBeGreaterThanOrEqual(40);
        expect(invite.expiresAt.getTime()).toBeGreaterThan(Date.now());

        expect(await previewInvite(invite.token)).toEqual({
          teamId: team.id,
          teamName: team.name,
          role,
          usable: true,
          reason: undefined,
        });

        const joiner = await makeUser("Jo Joiner");
        expect(await acceptInvite(joiner.user.id, invite.token)).toBe(team.id);
        expect((await findTeamForUser(joiner.user.id, team.id))?.role).toBe(role);
        expect((await requireTeam(joiner.user.id, team.id)).role).toBe(role);
      },
    );

    test("an owner may invite an owner; an admin may not", async () => {
      const { owner, actor: admin, team } = await makeTeamWithApp("admin");
      const error = await appErrorOf(() => createInvite(admin.user.id, team.id, "owner"));
      expect(error.code).toBe("forbidden");
      expect(error.message).toBe("Only an owner can invite another owner.");
      expect(await listPendingInvites(team.id, new Date())).toEqual([]);

      const invite = await createInvite(owner.user.id, team.id, "owner");
      const joiner = await makeUser();
      await acceptInvite(joiner.user.id, invite.token);
      expect((await roles(team.id))[joiner.user.id]).toBe("owner");
    });

    test("a member cannot invite anyone; an outsider gets not_found", async () => {
      const { actor: member, team } = await makeTeamWithApp("member");
      const outsider = await makeUser();
      for (const role of ["member", "admin", "owner"]) {
        expect((await appErrorOf(() => createInvite(member.user.id, team.id, role))).code).toBe("forbidden");
        expect((await appErrorOf(() => createInvite(outsider.user.id, team.id, role))).code).toBe(
          "not_found",
        );
      }
      expect(await listPendingInvites(team.id, new Date())).toEqual([]);
    });

    test("an unknown role is refused", async () => {
      const { owner, team } = await makeTeamWithApp("owner");
      const error = await appErrorOf(() => createInvite(owner.user.id, team.id, "superuser"));
      expect(error.code).toBe("invalid");
      expect(error.fieldErrors).toEqual({ form: "Choose Owner, Admin or Member." });
    });

    test("an invite link works once", async () => {
      const { owner, team } = await makeTeamWithApp("owner");
      const { token } = await createInvite(owner.user.id, team.id, "member");
      const first = await makeUser();
      const second = await makeUser();
      await acceptInvite(first.user.id, token);

      for (const user of [second, first]) {
        const error = await appErrorOf(() => acceptInvite(user.user.id, token));
        expect(error.code).toBe("conflict");
        expect(error.message).toBe("This invite link has already been used.");
      }
      expect(await findTeamForUser(second.user.id, team.id)).toBeUndefined();
      expect(await previewInvite(token)).toMatchObject({
        usable: false,
        reason: { key: "team.inviteUsed" }, // "This invite link has already been used." (in the viewer's language)
      });
    });

    test("a revoked invite cannot be accepted", async () => {
      const { owner, actor: admin, team } = await makeTeamWithApp("admin");
      const { token } = await createInvite(owner.user.id, team.id, "admin");
      const [pending] = await listPendingInvites(team.id, new Date());
      expect(pending?.role).toBe("admin");
      await revokeInvite(admin.user.id, team.id, pending?.id ?? "");
      expect(await listPendingInvites(team.id, new Date())).toEqual([]);
      // Revoked once: a second revoke finds nothing to revoke (and records nothing).
      expect((await appErrorOf(() => revokeInvite(admin.user.id, team.id, pending?.id ?? ""))).code).toBe(
        "not_found",
      );

      const joiner = await makeUser();
      const error = await appErrorOf(() => acceptInvite(joiner.user.id, token));
      expect(error.code).toBe("conflict");
      expect(error.message).toBe("This invite link was revoked.");
      expect(await findTeamForUser(joiner.user.id, team.id)).toBeUndefined();
    });

    test("only the team's admins can revoke its invites", async () => {
      const { owner, actor: member, team } = await makeTeamWithApp("member");
      await createInvite(owner.user.id, team.id, "member");
      const [pending] = await listPendingInvites(team.id, new Date());
      const outsider = await makeUser();
      expect((await appErrorOf(() => revokeInvite(member.user.id, team.id, pending?.id ?? ""))).code).toBe(
        "forbidden",
      );
      // An admin of another team cannot revoke it through their own team either.
      expect(
        (await appErrorOf(() => revokeInvite(outsider.user.id, outsider.team.id, pending?.id ?? ""))).code,
      ).toBe("not_found");
      expect(await listPendingInvites(team.id, new Date())).toHaveLength(1);
    });

    test("an expired invite cannot be accepted", async () => {
      const { owner, team } = await makeTeamWithApp("owner");
      const { token, expiresAt } = await createInvite(owner.user.id, team.id, "member");
      expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITE_TTL_MS);
      const later = new Date(expiresAt.getTime() + 1000);

      expect(await previewInvite(token, later)).toMatchObject({
        usable: false,
        reason: { key: "team.inviteExpired" },
      });
      const joiner = await makeUser();
      const error = await appErrorOf(() => acceptInvite(joiner.user.id, token, NO_ORIGIN, later));
      expect(error.code).toBe("conflict");
      expect(error.message).toBe("This invite link has expired. Ask for a new one.");
      expect(await findTeamForUser(joiner.user.id, team.id)).toBeUndefined();
    });

    test("an unknown token is not_found", async () => {
      const user = await makeUser();
      expect((await appErrorOf(() => previewInvite("no-such-token"))).code).toBe("not_found");
      expect((await appErrorOf(() => acceptInvite(user.user.id, "no-such-token"))).code).toBe("not_found");
    });

    test("a member who accepts again keeps their role and does not use up the link", async () => {
      const { owner, actor: member, team } = await makeTeamWithApp("member");
      const { token } = await createInvite(owner.user.id, team.id, "admin");
      expect(await acceptInvite(member.user.id, token)).toBe(team.id);
      expect((await roles(team.id))[member.user.id]).toBe("member");
      expect((await previewInvite(token)).usable).toBe(true);
    });
  });

  describe("members", () => {
    test("an owner changes a member's role", async () => {
      const { owner, actor: member, team, app } = await makeTeamWithApp("member");
      await changeMemberRole(owner.user.id, team.id, member.user.id, "admin");
      expect((await roles(team.id))[member.user.id]).toBe("admin");
      expect((await requireApp(member.user.id, app.appKey, "admin")).role).toBe("admin");
    });

    test("an admin or member cannot change roles or remove anyone", async () => {
      const { owner, actor: admin, team } = await makeTeamWithApp("admin");
      const member = await makeUser();
      await addMember(team.id, member.user.id, "member");
      const before = await roles(team.id);

      for (const actor of [admin, member]) {
        for (const attempt of [
          () => changeMemberRole(actor.user.id, team.id, member.user.id, "admin"),
          () => changeMemberRole(actor.user.id, team.id, actor.user.id, "owner"),
          () => removeMember(actor.user.id, team.id, owner.user.id),
        ]) {
          expect((await appErrorOf(attempt)).code).toBe("forbidden");
        }
      }
      expect(await roles(team.id)).toEqual(before);
    });

    test("the last owner cannot be demoted or removed", async () => {
      const { owner, team } = await makeTeamWithApp("member");
      for (const attempt of [
        () => changeMemberRole(owner.user.id, team.id, owner.user.id, "admin"),
        () => changeMemberRole(owner.user.id, team.id, owner.user.id, "member"),
        () => removeMember(owner.user.id, team.id, owner.user.id),
      ]) {
        const error = await appErrorOf(attempt);
        expect(error.code).toBe("conflict");
        expect(error.message).toBe("A team needs at least one owner. Make someone else an owner first.");
      }
      expect((await roles(team.id))[owner.user.id]).toBe("owner");
    });

    test("with a second owner, the first can step down", async () => {
      const { owner, actor: other, team } = await makeTeamWithApp("admin");
      await changeMemberRole(owner.user.id, team.id, other.user.id, "owner");
      await changeMemberRole(owner.user.id, team.id, owner.user.id, "member");
      expect(await roles(team.id)).toEqual({ [owner.user.id]: "member", [other.user.id]: "owner" });
    });

    test("two owners demoting each other at once leave exactly one owner", async () => {
      const { owner: first, actor: second, team } = await makeTeamWithApp("admin");
      await changeMemberRole(first.user.id, team.id, second.user.id, "owner");
      const results = await Promise.allSettled([
        changeMemberRole(first.user.id, team.id, second.user.id, "member"),
        changeMemberRole(second.user.id, team.id, first.user.id, "member"),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(Object.values(await roles(team.id)).filter((role) => role === "owner")).toHaveLength(1);
    });

    test("an owner removes a member, who then loses access to the team's apps", async () => {
      const { owner, actor: member, team, app } = await makeTeamWithApp("member");
      await removeMember(owner.user.id, team.id, member.user.id);
      expect(Object.keys(await roles(team.id))).toEqual([owner.user.id]);
      expect((await appErrorOf(() => requireApp(member.user.id, app.appKey))).code).toBe("not_found");
      expect((await appErrorOf(() => requireTeam(member.user.id, team.id))).code).toBe("not_found");
    });

    test("a member of another team, an unknown id or a malformed id is not_found", async () => {
      const { owner, team } = await makeTeamWithApp("owner");
      const outsider = await makeUser();
      for (const memberId of [outsider.user.id, "00000000-0000-0000-0000-000000000000", "not-a-uuid"]) {
        expect(
          (await appErrorOf(() => changeMemberRole(owner.user.id, team.id, memberId, "admin"))).code,
        ).toBe("not_found");
        expect((await appErrorOf(() => removeMember(owner.user.id, team.id, memberId))).code).toBe(
          "not_found",
        );
      }
      // And an owner of one team has no say in another.
      expect(
        (
          await appErrorOf(() =>
            changeMemberRole(owner.user.id, outsider.team.id, outsider.user.id, "member"),
          )
        ).code,
      ).toBe("not_found");
      expect((await roles(outsider.team.id))[outsider.user.id]).toBe("owner");
    });

    test("an invalid role is refused", async () => {
      const { owner, actor: member, team } = await makeTeamWithApp("member");
      const error = await appErrorOf(() => changeMemberRole(owner.user.id, team.id, member.user.id, "root"));
      expect(error.code).toBe("invalid");
      expect((await roles(team.id))[member.user.id]).toBe("member");
    });

    test("a user creates another team and owns it", async () => {
      const { user } = await makeUser();
      const team = await createTeam(user.id, { name: "  Platform team " }, "en");
      expect(team.name).toBe("Platform team");
      expect(team.payloadTimeZone).toBe("UTC");
      expect((await findTeamForUser(user.id, team.id))?.role).toBe("owner");
      expect((await appErrorOf(() => createTeam(user.id, { name: "" }, "en"))).fieldErrors).toEqual({
        name: "Enter a team name.",
      });
    });

    test("a team created by a user whose dashboard is in Chinese writes its payloads in China time", async () => {
      const { user } = await makeUser();
      expect((await createTeam(user.id, { name: "移动团队" }, "zh-CN")).payloadTimeZone).toBe(
        "Asia/Shanghai",
      );
    });
  });

  describe("payload time zone", () => {
    const zoneOf = async (userId: string, teamId: string) =>
      (await findTeamForUser(userId, teamId))?.team.payloadTimeZone;

    test.each(["owner", "admin"] as const)(
      "an %s sets an IANA zone; an alias is stored as the listed name",
      async (role) => {
        const { actor, team } = await makeTeamWithApp(role);
        const saved = await updatePayloadTimeZone(actor.user.id, team.id, { timeZone: " Asia/Shanghai " });
        expect(saved.payloadTimeZone).toBe("Asia/Shanghai");
        expect(await zoneOf(actor.user.id, team.id)).toBe("Asia/Shanghai");
        await updatePayloadTimeZone(actor.user.id, team.id, { timeZone: "UTC" });
        expect(await zoneOf(actor.user.id, team.id)).toBe("UTC");
        const kolkata = await updatePayloadTimeZone(actor.user.id, team.id, { timeZone: "Asia/Kolkata" });
        expect(["Asia/Kolkata", "Asia/Calcutta"]).toContain(kolkata.payloadTimeZone);
      },
    );

    test("a name that is not a time zone is refused on the field, and nothing changes", async () => {
      const { actor, team } = await makeTeamWithApp("owner");
      await updatePayloadTimeZone(actor.user.id, team.id, { timeZone: "Europe/Berlin" });
      for (const [timeZone, message] of [
        [
          "Mars/Base",
          "“Mars/Base” is not an IANA time zone name. Choose one from the list, such as Asia/Shanghai or UTC.",
        ],
        [
          "GMT+8",
          "“GMT+8” is not an IANA time zone name. Choose one from the list, such as Asia/Shanghai or UTC.",
        ],
        ["", "Choose a time zone."],
        [42, "Choose a time zone."],
      ] as const) {
        const error = await appErrorOf(() => updatePayloadTimeZone(actor.user.id, team.id, { timeZone }));
        expect(error.code).toBe("invalid");
        expect(error.fieldErrors).toEqual({ timeZone: message });
      }
      expect(await zoneOf(actor.user.id, team.id)).toBe("Europe/Berlin");
    });

    test("a member may not change it; another team's user gets not_found", async () => {
      const { owner, actor: member, team } = await makeTeamWithApp("member");
      const refused = await appErrorOf(() =>
        updatePayloadTimeZone(member.user.id, team.id, { timeZone: "Asia/Tokyo" }),
      );
      expect(refused.code).toBe("forbidden");
      expect(refused.message).toBe("Only admins and owners can change team settings.");
      const stranger = await makeUser();
      const hidden = await appErrorOf(() =>
        updatePayloadTimeZone(stranger.user.id, team.id, { timeZone: "Asia/Tokyo" }),
      );
      expect(hidden.code).toBe("not_found");
      expect(await zoneOf(owner.user.id, team.id)).toBe("UTC");
    });
  });
});
