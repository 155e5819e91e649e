import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignupForm } from "@/components/auth/signup-form";
import { oauthProviders } from "@/lib/auth/next-auth";
import { signedInUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/safe-redirect";
import { register, signInWithProvider } from "../actions";

export const metadata: Metadata = { title: "Create account" };

export default async function SignupPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  const target = safeCallbackPath(callbackUrl);
  if (await signedInUser()) redirect(target);
  const loginHref = callbackUrl ? `/login?callbackUrl=${encodeURIComponent(target)}` : "/login";
  return (
    <AuthCard
      title="Create your AppHooks account"
      footer={
        <>
          Already have an account?{" "}
          <Link href={loginHref} className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <SignupForm action={register} callbackUrl={target} />
      <OAuthButtons providers={oauthProviders()} action={signInWithProvider} />
    </AuthCard>
  );
}
