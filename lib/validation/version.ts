import { z } from "zod";
import { textKey } from "@/lib/errors";
import { uuid } from "./team";

export const MAX_NOTES_LENGTH = 10_000;

const versionString = z
  .string({ error: textKey("version.versionRequired") })
  .trim()
  .min(1, textKey("version.versionRequired"))
  .max(50, textKey("version.versionTooLong"))
  .regex(/^\S+$/, textKey("version.versionSpaces"));

const buildString = z
  .string({ error: textKey("version.buildRequired") })
  .trim()
  .min(1, textKey("version.buildRequired"))
  .max(50, textKey("version.buildTooLong"))
  .regex(/^\S+$/, textKey("version.buildSpaces"));

const releaseNotes = z
  .string({ error: textKey("version.notesText") })
  .trim()
  .max(MAX_NOTES_LENGTH, textKey("version.notesTooLong"))
  .default("");

const SIZE_MESSAGE = textKey("version.sizeRequired");

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
      .max(Number.MAX_SAFE_INTEGER, textKey("version.sizeTooLarge")),
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
