import type { Metadata } from "next";
import { InviteForm } from "@/components/teams/invite-form";
import { MemberControls } from "@/components/teams/member-controls";
import { RevokeInviteButton } from "@/components/teams/revoke-invite-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { requireTeamContext } from "@/lib/auth/session";
import { listPendingInvites } from "@/lib/db/queries/invites";
import { listMembers } from "@/lib/db/queries/teams";
import { can, ROLE_LABELS, ROLES } from "@/lib/domain/roles";
import { LAST_OWNER_MESSAGE } from "@/lib/teams/members";
import { changeRoleAction, createInviteAction, removeMemberAction, revokeInviteAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const day = (date: Date) => date.toISOString().slice(0, 10);

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
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Members</h1>
        <p className="text-sm text-zinc-600">People in {current.team.name} and what they may do.</p>
      </div>

      <Table>
        <caption className="sr-only">Members of {current.team.name}</caption>
        <THead>
          <TR>
            <TH>Name</TH>
            <TH>Email</TH>
            <TH>Role</TH>
            <TH>Joined</TH>
          </TR>
        </THead>
        <TBody>
          {members.map((member) => (
            <TR key={member.userId}>
              <TD className="font-medium">
                {member.name} {member.userId === user.id ? <Badge>You</Badge> : null}
              </TD>
              <TD label="Email">{member.email}</TD>
              <TD label="Role">
                {manages && member.role === "owner" && owners === 1 ? (
                  <div className="flex flex-col gap-1">
                    <span>{ROLE_LABELS.owner}</span>
                    <span className="text-xs text-zinc-500">{LAST_OWNER_MESSAGE}</span>
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
                  ROLE_LABELS[member.role]
                )}
              </TD>
              <TD label="Joined">{day(member.joinedAt)}</TD>
            </TR>
          ))}
        </TBody>
      </Table>

      {invites ? (
        <Card>
          <CardHeader
            title="Invite someone"
            description="Create a link with a role. The person opens it, signs in or creates an account, and joins."
          />
          <div className="mt-4">
            <InviteForm
              roles={ROLES.filter((role) => can.grantRole(current.role, role))}
              action={createInviteAction.bind(null, teamId)}
            />
          </div>
          {pending.length > 0 ? (
            <div className="mt-6">
              <h3 className="mb-2 text-sm font-semibold">Pending invite links</h3>
              <Table>
                <THead>
                  <TR>
                    <TH>Role</TH>
                    <TH>Created by</TH>
                    <TH>Created</TH>
                    <TH>Expires</TH>
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  </TR>
                </THead>
                <TBody>
                  {pending.map((invite) => (
                    <TR key={invite.id}>
                      <TD label="Role">{ROLE_LABELS[invite.role]}</TD>
                      <TD label="Created by">{invite.createdByName ?? "—"}</TD>
                      <TD label="Created">{day(invite.createdAt)}</TD>
                      <TD label="Expires">{day(invite.expiresAt)}</TD>
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
