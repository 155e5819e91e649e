/** Signs in through next-auth's credentials endpoint, as the login form does, and times dashboard pages. */
import { now, type Summary, summarize } from "./stats";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0] ?? "");
}

/** The Cookie header of a signed-in session. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/apps` }).toString(),
  });
  await response.arrayBuffer();
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`sign-in failed (status ${response.status})`);
  return [...jar, session].join("; ");
}

/** GETs a page `samples` times one after another (after `warmup` untimed ones): time to the complete HTML. */
export async function timePage(
  origin: string,
  pathname: string,
  cookie: string,
  samples: number,
  warmup = 5,
): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const started = now();
    const response = await fetch(`${origin}${pathname}`, { headers: { cookie }, redirect: "manual" });
    const html = await response.text();
    const took = now() - started;
    if (response.status !== 200 || !html.includes("Webhook")) {
      throw new Error(`GET ${pathname} answered ${response.status} without the Webhook page`);
    }
    if (i >= warmup) times.push(took);
  }
  return summarize(times);
}
