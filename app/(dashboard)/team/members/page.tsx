import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/teams/invite-form";
import { MemberControls } from "@/components/teams/member-controls";
import { RevokeInviteButton } from "@/components/teams/revoke-invite-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { requireTeamContext } from "@/lib/auth/session";
import { listPendingInvites } from "@/lib/db/queries/invites";
import { listMembers } from "@/lib/db/queries/teams";
import { can, ROLES } from "@/lib/domain/roles";
import { LAST_OWNER_MESSAGE } from "@/lib/teams/members";
import { changeRoleAction, createInviteAction, removeMemberAction, revokeInviteAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("metaTitle") };
}

export default async function MembersPage() {
  const { user, current } = await requireTeamContext();
  const teamId = current.team.id;
  const manages = can.manageMembers(current.role);
  const invites = can.inviteMembers(current.role);
  const [members, pending] = await Promise.all([
    listMembers(teamId),
    invites ? listPendingInvites(teamId, new Date()) : Promise.resolve([]),
  ]);
  const owners = members.filter((member) => member.role === "owner").length;
  const t = await getTranslations("members");
  const tr = await getTranslations("roles");
  const te = await getTranslations("errors");
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-zinc-600">{t("intro", { team: current.team.name })}</p>
      </div>

      <Table>
        <caption className="sr-only">{t("caption", { team: current.team.name })}</caption>
        <THead>
          <TR>
            <TH>{t("name")}</TH>
            <TH>{t("email")}</TH>
            <TH>{t("role")}</TH>
            <TH>{t("joined")}</TH>
          </TR>
        </THead>
        <TBody>
          {members.map((member) => (
            <TR key={member.userId}>
              <TD className="font-medium">
                {member.name} {member.userId === user.id ? <Badge>{t("you")}</Badge> : null}
              </TD>
              <TD label={t("email")}>{member.email}</TD>
              <TD label={t("role")}>
                {manages && member.role === "owner" && owners === 1 ? (
                  <div className="flex flex-col gap-1">
                    <span>{tr("owner")}</span>
                    <span className="text-xs text-zinc-500">{te(LAST_OWNER_MESSAGE.key)}</span>
                  </div>
                ) : manages ? (
                  <MemberControls
                    memberId={member.userId}
                    name={member.name}
                    role={member.role}
                    changeRole={changeRoleAction.bind(null, teamId, member.userId)}
                    remove={removeMemberAction.bind(null, teamId, member.userId)}
                  />
                ) : (
                  tr(member.role)
                )}
              </TD>
              <TD label={t("joined")}>
                <Time value={member.joinedAt} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>

      {invites ? (
        <Card>
          <CardHeader title={t("inviteTitle")} description={t("inviteDescription")} />
          <div className="mt-4">
            <InviteForm
              roles={ROLES.filter((role) => can.grantRole(current.role, role))}
              action={createInviteAction.bind(null, teamId)}
            />
          </div>
          {pending.length > 0 ? (
            <div className="mt-6">
              <h3 className="mb-2 text-sm font-semibold">{t("pendingTitle")}</h3>
              <Table>
                <THead>
                  <TR>
                    <TH>{t("role")}</TH>
                    <TH>{t("createdBy")}</TH>
                    <TH>{t("created")}</TH>
                    <TH>{t("expires")}</TH>
                    <TH>
                      <span className="sr-only">{t("actions")}</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {pending.map((invite) => (
                    <TR key={invite.id}>
                      <TD label={t("role")}>{tr(invite.role)}</TD>
                      <TD label={t("createdBy")}>{invite.createdByName ?? "—"}</TD>
                      <TD label={t("created")}>
                        <Time value={invite.createdAt} />
                      </TD>
                      <TD label={t("expires")}>
                        <Time value={invite.expiresAt} />
                      </TD>
                      <TD className="sm:text-right">
                        <RevokeInviteButton action={revokeInviteAction.bind(null, teamId, invite.id)} />
                      </TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </div>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
