import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignupForm } from "@/components/auth/signup-form";
import { oauthProviders } from "@/lib/auth/next-auth";
import { signedInUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { chooseLanguage } from "../../actions";
import { register, signInWithProvider } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signup"))("metaTitle") };
}

export default async function SignupPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await signedInUser()) redirect(target);
  const loginHref = callbackUrl ? `/login?callbackUrl=${encodeURIComponent(target)}` : "/login";
  const t = await getTranslations("auth.signup");
  return (
    <AuthCard
      title={t("title")}
      chooseLanguage={chooseLanguage}
      footer={
        <>
          {t("haveAccount")}{" "}
          <Link href={loginHref} className="font-medium text-indigo-700 hover:underline">
            {t("signIn")}
          </Link>
        </>
      }
    >
      <SignupForm action={register} callbackUrl={target} />
      <OAuthButtons providers={oauthProviders()} action={signInWithProvider} />
    </AuthCard>
  );
}
