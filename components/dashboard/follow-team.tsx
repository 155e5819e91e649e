"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { ActionResult } from "@/lib/action-result";

type Props = { teamId: string; action: (teamId: string) => Promise<ActionResult> };

/**
 * Rendered on the page of an app of another of the user's teams: makes that team the current one, as the team
 * switcher would, and refreshes the header, so the switcher, the role and Members or API keys follow the app.
 */
export function FollowTeam({ teamId, action }: Props) {
  const router = useRouter();
  useEffect(() => {
    let current = true;
    action(teamId).then(
      (result) => {
        if (current && result.ok) router.refresh();
      },
      () => undefined, // offline: the header keeps the team it shows, and the next page load tries again
    );
    return () => {
      current = false;
    };
  }, [teamId, action, router]);
  return null;
}
