import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteButton } from "@/components/teams/accept-invite-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { signedInUser } from "@/lib/auth/session";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { previewInvite } from "@/lib/teams/invites";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Team invite" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const preview = await previewInvite(token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!preview?.usable) {
    return (
      <AuthCard title="Invite link not valid">
        <Alert tone="warning">
          {preview?.reason ?? "This invite link does not exist. Check that you copied all of it."}
        </Alert>
      </AuthCard>
    );
  }
  const user = await signedInUser();
  const here = `/invite/${token}`;
  return (
    <AuthCard title={`Join ${preview.teamName}`}>
      <p className="mb-4 text-sm text-zinc-700">
        You are invited to join <strong>{preview.teamName}</strong> as{" "}
        <strong>{ROLE_LABELS[preview.role]}</strong>: {ROLE_DESCRIPTIONS[preview.role].toLowerCase()}.
      </p>
      {user ? (
        <>
          <p className="mb-4 text-sm text-zinc-600">Signed in as {user.email}.</p>
          <AcceptInviteButton teamName={preview.teamName} action={acceptInviteAction.bind(null, token)} />
        </>
      ) : (
        <div className="flex flex-col gap-2">
          <ButtonLink href={`/login?callbackUrl=${encodeURIComponent(here)}`}>Sign in to accept</ButtonLink>
          <ButtonLink href={`/signup?callbackUrl=${encodeURIComponent(here)}`} variant="secondary">
            Create an account
          </ButtonLink>
        </div>
      )}
    </AuthCard>
  );
}
