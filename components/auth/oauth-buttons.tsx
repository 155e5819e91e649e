import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";

type Props = { providers: Array<{ id: string; name: string }>; action: (provider: string) => Promise<void> };

/** "Continue with …" for each OAuth provider switched on by the environment; nothing when there is none. */
export async function OAuthButtons({ providers, action }: Props) {
  if (providers.length === 0) return null;
  const t = await getTranslations("auth.oauth");
  return (
    <div className="mt-5 flex flex-col gap-2 border-t border-zinc-200 pt-5">
      {providers.map((provider) => (
        <form key={provider.id} action={action.bind(null, provider.id)}>
          <Button type="submit" variant="secondary" className="w-full">
            {t("continueWith", { provider: provider.name })}
          </Button>
        </form>
      ))}
    </div>
  );
}
