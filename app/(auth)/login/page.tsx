import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { oauthProviders } from "@/lib/auth/next-auth";
import { signedInUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { chooseLanguage } from "../../actions";
import { login, signInWithProvider } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.login"))("metaTitle") };
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await signedInUser()) redirect(target);
  const signupHref = callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(target)}` : "/signup";
  const t = await getTranslations("auth.login");
  return (
    <AuthCard
      title={t("title")}
      chooseLanguage={chooseLanguage}
      footer={
        <>
          {t("newHere")}{" "}
          <Link href={signupHref} className="font-medium text-indigo-700 hover:underline">
            {t("createAccount")}
          </Link>
        </>
      }
    >
      <LoginForm action={login} callbackUrl={target} />
      <OAuthButtons providers={oauthProviders()} action={signInWithProvider} />
    </AuthCard>
  );
}
