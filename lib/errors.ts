import { createTranslator } from "use-intl/core";
import en from "@/messages/en.json";

/**
 * The texts a user or an API client reads when something is refused: keys of the `errors` namespace of
 * messages/*.json with the values they name (docs/i18n.md#error-texts). Use cases and schemas only ever name a
 * key; where the text reaches a person it is put in words: in the dashboard's language by the server actions
 * (lib/action-result.ts) and the forms (components/forms/use-zod-resolver.ts), in English by the API.
 */
export type TextValues = Record<string, string | number>;

/** Every key of messages/en.json's `errors` namespace, dotted ("webhook.nameRequired"). */
export type ErrorKey = LeafKeys<typeof en.errors>;

type LeafKeys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type Text = { key: ErrorKey; values?: TextValues };

export const text = (key: ErrorKey, values?: TextValues): Text => (values ? { key, values } : { key });

/** A schema's message: the key itself, checked against messages/en.json at compile time. */
export const textKey = (key: ErrorKey): string => key;

/** Whether a string (a schema's message) names one of the error texts. */
export function isErrorKey(value: string): value is ErrorKey {
  let node: unknown = en.errors;
  for (const part of value.split(".")) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

const english = createTranslator({ locale: "en", messages: en, namespace: "errors" });

/** A text in English, as the API and the logs say it. */
export function inEnglish(t: Text): string {
  return english(t.key, t.values);
}

/** The one error vocabulary of the domain; actions and route handlers map it to their own outputs. */
export type ErrorCode =
  | "unauthenticated"
  | "not_found"
  | "forbidden"
  | "invalid"
  | "conflict"
  | "limit_reached"
  | "rate_limited"
  | "unavailable";

/** The first problem of each field, by the field's name, in words. */
export type FieldErrors = Record<string, string>;

/** The first problem of each field, by the field's name, as a text to put in words. */
export type FieldTexts = Record<string, Text>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly text: Text;
  readonly fieldTexts?: FieldTexts;
  /** `fieldTexts` in English (the API's `fields`). */
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message: Text, fieldTexts?: FieldTexts) {
    super(inEnglish(message));
    this.name = "AppError";
    this.code = code;
    this.text = message;
    this.fieldTexts = fieldTexts;
    this.fieldErrors = fieldTexts && mapTexts(fieldTexts, inEnglish);
  }
}

/** Puts each field's text in words with `say` (English, or a translator of the viewer's language). */
export function mapTexts(fieldTexts: FieldTexts, say: (t: Text) => string): FieldErrors {
  return Object.fromEntries(Object.entries(fieldTexts).map(([field, t]) => [field, say(t)]));
}

/** What was not found, as the `errors.notFound` texts name it. */
export type Missing = keyof typeof en.errors.notFound;

export const notFound = (what: Missing) => new AppError("not_found", text(`notFound.${what}`));

export const forbidden = (message: Text = text("forbidden")) => new AppError("forbidden", message);

export function invalid(fieldTexts: FieldTexts, message: Text = text("invalid")): AppError {
  return new AppError("invalid", message, fieldTexts);
}
