import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptInviteButton } from "@/components/teams/accept-invite-button";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { signedInUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { previewInvite } from "@/lib/teams/invites";
import { chooseLanguage } from "../../../actions";
import { acceptInviteAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.invite"))("metaTitle") };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations();
  const preview = await previewInvite(token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  if (!preview?.usable) {
    return (
      <AuthCard title={t("auth.invite.invalidTitle")} chooseLanguage={chooseLanguage}>
        <Alert tone="warning">
          {preview?.reason
            ? t(`errors.${preview.reason.key}`, preview.reason.values)
            : t("auth.invite.doesNotExist")}
        </Alert>
      </AuthCard>
    );
  }
  const user = await signedInUser();
  const here = `/invite/${token}`;
  return (
    <AuthCard title={t("auth.invite.title", { team: preview.teamName })} chooseLanguage={chooseLanguage}>
      <p className="mb-4 text-sm text-zinc-700">
        {t.rich("auth.invite.invited", {
          team: preview.teamName,
          role: t(`roles.${preview.role}`),
          description: t(`roles.descriptions.${preview.role}`).toLowerCase(),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      {user ? (
        <>
          <p className="mb-4 text-sm text-zinc-600">{t("auth.invite.signedInAs", { email: user.email })}</p>
          <AcceptInviteButton teamName={preview.teamName} action={acceptInviteAction.bind(null, token)} />
        </>
      ) : (
        <div className="flex flex-col gap-2">
          <ButtonLink href={`/login?callbackUrl=${encodeURIComponent(here)}`}>
            {t("auth.invite.signInToAccept")}
          </ButtonLink>
          <ButtonLink href={`/signup?callbackUrl=${encodeURIComponent(here)}`} variant="secondary">
            {t("auth.invite.createAccount")}
          </ButtonLink>
        </div>
      )}
    </AuthCard>
  );
}
