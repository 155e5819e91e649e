import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

type Props = {
  name: string;
  email: string;
  roleLabel: string;
  signOut: () => Promise<void>;
  signOutEverywhere: () => Promise<void>;
};

/** The user menu: who is signed in, their role in the current team, "Sign out" and "Sign out of all devices". */
export function UserMenu({ name, email, roleLabel, signOut, signOutEverywhere }: Props) {
  const t = useTranslations("userMenu");
  return (
    <details className="relative">
      <summary className="flex min-h-10 cursor-pointer list-none items-center gap-2 rounded-md px-2 text-sm font-medium text-zinc-800 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-indigo-600 lg:min-h-0 lg:py-1.5">
        <span
          aria-hidden="true"
          className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800"
        >
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 truncate">{name}</span>
      </summary>
      <div className="mt-2 rounded-md border border-zinc-200 bg-white p-3 lg:absolute lg:right-0 lg:z-20 lg:w-64 lg:shadow-lg">
        <p className="text-sm font-medium text-zinc-900">{name}</p>
        <p className="truncate text-sm text-zinc-600">{email}</p>
        <p className="mt-1 text-xs text-zinc-500">{t("role", { role: roleLabel })}</p>
        <div className="mt-3 flex flex-col gap-2 border-t border-zinc-200 pt-3">
          <form action={signOut}>
            <Button type="submit" variant="secondary" size="sm" className="w-full">
              {t("signOut")}
            </Button>
          </form>
          <form action={signOutEverywhere}>
            <Button type="submit" variant="ghost" size="sm" className="w-full">
              {t("signOutEverywhere")}
            </Button>
          </form>
        </div>
      </div>
    </details>
  );
}
