import { describe, expect, test } from "vitest";
import { can, roleAtLeast } from "./roles";

describe("roles", () => {
  test("owner > admin > member", () => {
    expect(roleAtLeast("owner", "admin")).toBe(true);
    expect(roleAtLeast("admin", "admin")).toBe(true);
    expect(roleAtLeast("member", "admin")).toBe(false);
    expect(roleAtLeast("admin", "owner")).toBe(false);
    expect(roleAtLeast("member", "member")).toBe(true);
  });

  test("only admins and owners edit webhooks and create apps; only owners manage members", () => {
    expect([can.editWebhooks("owner"), can.editWebhooks("admin"), can.editWebhooks("member")]).toEqual([
      true,
      true,
      false,
    ]);
    expect([can.createApps("admin"), can.createApps("member")]).toEqual([true, false]);
    expect([can.manageMembers("owner"), can.manageMembers("admin")]).toEqual([true, false]);
  });

  test("admins and owners manage versions and app settings; only owners transfer and delete apps", () => {
    for (const rule of [can.editVersions, can.editAppSettings]) {
      expect([rule("owner"), rule("admin"), rule("member")]).toEqual([true, true, false]);
    }
    for (const rule of [can.transferApps, can.deleteApps]) {
      expect([rule("owner"), rule("admin"), rule("member")]).toEqual([true, false, false]);
    }
  });

  test("admins grant admin and member, only owners grant owner, members grant nothing", () => {
    expect(can.grantRole("owner", "owner")).toBe(true);
    expect(can.grantRole("admin", "admin")).toBe(true);
    expect(can.grantRole("admin", "member")).toBe(true);
    expect(can.grantRole("admin", "owner")).toBe(false);
    expect(can.grantRole("member", "member")).toBe(false);
  });
});
