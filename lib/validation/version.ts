import { z } from "zod";
import { uuid } from "./team";

export const MAX_NOTES_LENGTH = 10_000;

const versionString = z
  .string({ error: "Enter the version, like 2.4." })
  .trim()
  .min(1, "Enter the version, like 2.4.")
  .max(50, "Version must be at most 50 characters.")
  .regex(/^\S+$/, "The version cannot contain spaces.");

const buildString = z
  .string({ error: "Enter the build number, like 139." })
  .trim()
  .min(1, "Enter the build number, like 139.")
  .max(50, "Build must be at most 50 characters.")
  .regex(/^\S+$/, "The build cannot contain spaces.");

const releaseNotes = z
  .string({ error: "Release notes must be text." })
  .trim()
  .max(MAX_NOTES_LENGTH, `Release notes must be at most ${MAX_NOTES_LENGTH.toLocaleString("en")} characters.`)
  .default("");

const SIZE_MESSAGE = "Enter the size in bytes, a whole number like 48234496.";

/** Bytes, typed into a form (a string of digits) or sent as a number. */
export const sizeBytes = z
  .union([z.number(), z.string().trim().regex(/^\d+$/, SIZE_MESSAGE).transform(Number)], {
    error: SIZE_MESSAGE,
  })
  .pipe(
    z
      .number({ error: SIZE_MESSAGE })
      .int(SIZE_MESSAGE)
      .min(0, SIZE_MESSAGE)
      .max(Number.MAX_SAFE_INTEGER, "That size is too large."),
  );

/** "Upload version": the build's metadata (the binary itself is not stored by AppHooks). */
export const uploadVersionInput = z.object({
  version: versionString,
  build: buildString,
  sizeBytes,
  notes: releaseNotes,
});

export type UploadVersionInput = z.input<typeof uploadVersionInput>;

/** "Edit" on a version row: the size is a fact of the build and is not edited. */
export const editVersionInput = z.object({
  version: versionString,
  build: buildString,
  notes: releaseNotes,
});

export type EditVersionInput = z.input<typeof editVersionInput>;

export const versionId = uuid;
