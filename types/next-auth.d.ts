import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The server-side session (lib/auth/sessions.ts) the token belongs to. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
