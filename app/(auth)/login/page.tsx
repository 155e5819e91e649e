import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { oauthProviders } from "@/lib/auth/next-auth";
import { signedInUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { login, signInWithProvider } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await signedInUser()) redirect(target);
  const signupHref = callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(target)}` : "/signup";
  return (
    <AuthCard
      title="Sign in to AppHooks"
      footer={
        <>
          New here?{" "}
          <Link href={signupHref} className="font-medium text-indigo-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <LoginForm action={login} callbackUrl={target} />
      <OAuthButtons providers={oauthProviders()} action={signInWithProvider} />
    </AuthCard>
  );
}
