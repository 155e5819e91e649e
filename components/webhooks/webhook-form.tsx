"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField, TextField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import {
  EVENT_DESCRIPTIONS,
  EVENT_LABELS,
  EVENT_TYPES,
  LANGUAGE_LABELS,
  LANGUAGES,
} from "@/lib/domain/event-catalog";
import {
  detectWebhookType,
  SIGNED_ROBOT_TYPES,
  typeMismatchWarning,
  WEBHOOK_TYPE_HINTS,
  WEBHOOK_TYPE_LABELS,
  WEBHOOK_TYPES,
} from "@/lib/domain/webhook-types";
import { type WebhookInput, webhookInput } from "@/lib/validation/webhook";
import type { WebhookFormDefaults } from "@/lib/webhooks/webhook-view";

type Props = {
  /** The bound "Save Info" action: create when the page bound no webhook id, update otherwise. */
  action: (values: WebhookInput) => Promise<ActionResult<{ id: string }>>;
  defaults?: WebhookFormDefaults;
  /** The team's payload time zone (Team settings), in which payloads write their times. */
  payloadTimeZone: string;
  listHref: string;
  cancelHref: string;
};

const EMPTY: WebhookFormDefaults = {
  name: "",
  type: "json",
  url: "",
  language: "en",
  events: [...EVENT_TYPES],
  enabled: true,
  // Chat robots merge bursts into digests unless the user turns it off (docs/robots.md#digests).
  digest: true,
  secretHint: null,
};

const FIELDS = [
  "name",
  "type",
  "url",
  "secret",
  "clearSecret",
  "language",
  "events",
  "digest",
  "enabled",
] as const;

export function WebhookForm({ action, defaults = EMPTY, payloadTimeZone, listHref, cancelHref }: Props) {
  const router = useRouter();
  const editing = defaults !== EMPTY;
  const form = useForm<WebhookInput>({
    resolver: zodResolver(webhookInput, undefined, { raw: true }),
    ...CLIENT_VALIDATION,
    defaultValues: {
      name: defaults.name,
      type: defaults.type,
      url: defaults.url,
      secret: "",
      clearSecret: false,
      language: defaults.language,
      events: defaults.events,
      enabled: defaults.enabled,
      // An edited JSON webhook that becomes a robot starts with digests on, as a new robot webhook does.
      digest: defaults.type === "json" ? true : defaults.digest,
    },
  });
  const { pending, run, failure } = useAction(action);
  const error = useServerErrors(form, failure, FIELDS);
  const { errors } = form.formState;
  const [type = "json", url = "", secret = ""] = useWatch({
    control: form.control,
    name: ["type", "url", "secret"],
  });
  // Whether the user picked the type themselves; typing a robot URL then no longer changes it.
  const typeChosen = useRef(editing);

  function detectType(value: string, pasted: boolean) {
    const detected = detectWebhookType(value);
    // A pasted robot URL always selects its type; typing only does until the user picks a type themselves.
    if (detected && (pasted || !typeChosen.current)) form.setValue("type", detected, { shouldDirty: true });
  }

  const submit = form.handleSubmit(
    (values) =>
      run(values, () => {
        const name = values.name.trim();
        toast({ title: editing ? `Webhook “${name}” saved` : `Webhook “${name}” created`, tone: "success" });
        router.push(listHref);
        router.refresh();
      }),
    focusFirstError(form, FIELDS),
  );

  const typeField = form.register("type", {
    onChange: () => {
      typeChosen.current = true;
    },
  });
  const urlField = form.register("url", { onChange: (e) => detectType(e.target.value, false) });
  const mismatch = typeMismatchWarning(type, url);
  const secretRelevant = SIGNED_ROBOT_TYPES.includes(type);

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-6" noValidate>
      {error ? (
        <Alert tone="danger" title="The webhook was not saved">
          {error}
        </Alert>
      ) : null}

      <TextField
        label="Webhook Name"
        id="webhook-name"
        error={errors.name?.message}
        hint="1–50 characters, unique within this app."
        required
        maxLength={50}
        {...form.register("name")}
      />

      <SelectField
        label="Webhook Type"
        id="webhook-type"
        error={errors.type?.message}
        hint={WEBHOOK_TYPE_HINTS[type]}
        {...typeField}
      >
        {WEBHOOK_TYPES.map((value) => (
          <option key={value} value={value}>
            {WEBHOOK_TYPE_LABELS[value]}
          </option>
        ))}
      </SelectField>

      <TextField
        label="URL"
        id="webhook-url"
        error={errors.url?.message}
        hint={
          mismatch ? (
            <span className="font-medium text-amber-800">{mismatch}</span>
          ) : (
            "Pasting a WeCom, DingTalk, Lark/Feishu, Slack, Discord or Teams address selects its type."
          )
        }
        type="url"
        inputMode="url"
        required
        maxLength={2048}
        placeholder="https://"
        {...urlField}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData("text");
          const input = e.currentTarget;
          const next =
            input.value.slice(0, input.selectionStart ?? input.value.length) +
            pasted +
            input.value.slice(input.selectionEnd ?? input.value.length);
          e.preventDefault();
          form.setValue("url", next, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
          detectType(next, true);
        }}
      />

      <TextField
        label="Secret"
        id="webhook-secret"
        error={errors.secret?.message}
        hint={
          <>
            Optional.{" "}
            {secretRelevant
              ? "Paste the robot's signing secret to sign every message."
              : "Used by DingTalk and Lark/Feishu robots with signature verification."}{" "}
            Stored encrypted and never shown again.
            {defaults.secretHint
              ? ` A secret ending in “${defaults.secretHint}” is set; leave blank to keep it.`
              : ""}
          </>
        }
        type="password"
        autoComplete="off"
        {...form.register("secret")}
      />
      {defaults.secretHint ? (
        <Controller
          control={form.control}
          name="clearSecret"
          render={({ field }) => (
            <Checkbox
              ref={field.ref}
              name={field.name}
              label="Remove the stored secret"
              checked={field.value ?? true}
              onCheckedChange={(checked) => field.onChange(checked === true)}
              onBlur={field.onBlur}
              disabled={secret.length > 0}
            />
          )}
        />
      ) : null}

      <SelectField
        label="Message language"
        id="webhook-language"
        error={errors.language?.message}
        hint={
          <>
            created/updated are written in {payloadTimeZone} time (
            <Link href="/team/settings" className="font-medium text-indigo-700 underline">
              team setting
            </Link>
            ).
          </>
        }
        className="max-w-xs"
        {...form.register("language")}
      >
        {LANGUAGES.map((value) => (
          <option key={value} value={value}>
            {LANGUAGE_LABELS[value]}
          </option>
        ))}
      </SelectField>

      <Controller
        control={form.control}
        name="events"
        render={({ field, fieldState }) => (
          <fieldset
            className="flex flex-col gap-3"
            aria-describedby={fieldState.error ? "webhook-events-error" : undefined}
          >
            <legend className="mb-1 text-sm font-medium text-zinc-900">Select events to push</legend>
            <div className="grid gap-3 sm:grid-cols-2">
              {EVENT_TYPES.map((event, index) => (
                <Checkbox
                  key={event}
                  ref={index === 0 ? field.ref : undefined}
                  label={EVENT_LABELS[event].en}
                  description={EVENT_DESCRIPTIONS[event]}
                  checked={field.value.includes(event)}
                  onCheckedChange={(checked) =>
                    field.onChange(
                      checked === true ? [...field.value, event] : field.value.filter((e) => e !== event),
                    )
                  }
                  onBlur={field.onBlur}
                />
              ))}
            </div>
            {fieldState.error ? (
              <p id="webhook-events-error" className="text-xs font-medium text-red-700">
                {fieldState.error.message}
              </p>
            ) : null}
          </fieldset>
        )}
      />

      {type !== "json" ? (
        <Controller
          control={form.control}
          name="digest"
          render={({ field }) => (
            <Checkbox
              ref={field.ref}
              name={field.name}
              label="Merge bursts into digests"
              description="When more events wait than the robot accepts per minute, send one summary message per event type instead of each one late."
              checked={field.value ?? true}
              onCheckedChange={(checked) => field.onChange(checked === true)}
              onBlur={field.onBlur}
            />
          )}
        />
      ) : null}

      <Controller
        control={form.control}
        name="enabled"
        render={({ field }) => (
          <Switch
            ref={field.ref}
            id="webhook-state"
            label="Webhook State"
            description="When off, nothing is sent to this URL."
            checked={field.value ?? true}
            onCheckedChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />

      <div className="flex gap-3 border-t border-zinc-200 pt-5">
        <Button type="submit" pending={pending}>
          Save Info
        </Button>
        <ButtonLink href={cancelHref} variant="secondary">
          Cancel
        </ButtonLink>
      </div>
    </form>
  );
}
