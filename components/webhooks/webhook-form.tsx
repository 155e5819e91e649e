"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { useFocusFirstError } from "@/components/forms/use-focus-first-error";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField, TextField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import {
  EVENT_DESCRIPTIONS,
  EVENT_LABELS,
  EVENT_TYPES,
  type EventType,
  LANGUAGE_LABELS,
  LANGUAGES,
  type Language,
} from "@/lib/events/catalog";
import type { WebhookInput } from "@/lib/validation/webhook";
import {
  detectWebhookType,
  SIGNED_ROBOT_TYPES,
  typeMismatchWarning,
  WEBHOOK_TYPE_HINTS,
  WEBHOOK_TYPE_LABELS,
  WEBHOOK_TYPES,
  type WebhookType,
} from "@/lib/webhooks/webhook-types";
import type { WebhookFormDefaults } from "@/lib/webhooks/webhook-view";

type Props = {
  /** The bound "Save Info" action: create when the page bound no webhook id, update otherwise. */
  action: (values: WebhookInput) => Promise<ActionResult<{ id: string }>>;
  defaults?: WebhookFormDefaults;
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
  secretHint: null,
};

const FIELD_ORDER = ["name", "type", "url", "secret", "language", "events", "enabled"];

export function WebhookForm({ action, defaults = EMPTY, listHref, cancelHref }: Props) {
  const router = useRouter();
  const { toast } = useToast();
  const editing = defaults !== EMPTY;
  const [name, setName] = useState(defaults.name);
  const [type, setType] = useState<WebhookType>(defaults.type);
  const [typeChosen, setTypeChosen] = useState(editing);
  const [url, setUrl] = useState(defaults.url);
  const [secret, setSecret] = useState("");
  const [clearSecret, setClearSecret] = useState(false);
  const [language, setLanguage] = useState<Language>(defaults.language);
  const [events, setEvents] = useState<EventType[]>(defaults.events);
  const [enabled, setEnabled] = useState(defaults.enabled);
  const { pending, run, error, fieldError, failure } = useAction(action);
  const formRef = useFocusFirstError(failure, FIELD_ORDER);

  function changeUrl(value: string, pasted: boolean) {
    setUrl(value);
    const detected = detectWebhookType(value);
    // A pasted robot URL always selects its type; typing only does until the user picks a type themselves.
    if (detected && (pasted || !typeChosen)) setType(detected);
  }

  function toggleEvent(event: EventType, checked: boolean) {
    setEvents((current) => (checked ? [...current, event] : current.filter((e) => e !== event)));
  }

  function submit(formEvent: FormEvent) {
    formEvent.preventDefault();
    run({ name, type, url, secret, clearSecret, language, events, enabled }, () => {
      toast({
        title: editing ? `Webhook “${name.trim()}” saved` : `Webhook “${name.trim()}” created`,
        tone: "success",
      });
      router.push(listHref);
      router.refresh();
    });
  }

  const errors = {
    name: fieldError("name"),
    type: fieldError("type"),
    url: fieldError("url"),
    secret: fieldError("secret"),
    language: fieldError("language"),
    events:
      fieldError("events") ??
      Object.entries(failure?.fieldErrors ?? {}).find(([k]) => k.startsWith("events."))?.[1],
    enabled: fieldError("enabled"),
  };
  const mismatch = typeMismatchWarning(type, url);
  const secretRelevant = SIGNED_ROBOT_TYPES.includes(type);

  return (
    <form ref={formRef} onSubmit={submit} className="flex max-w-2xl flex-col gap-6" noValidate>
      {error ? (
        <Alert tone="danger" title="The webhook was not saved">
          {error}
        </Alert>
      ) : null}

      <TextField
        label="Webhook Name"
        id="webhook-name"
        error={errors.name}
        hint="1–50 characters, unique within this app."
        data-field="name"
        required
        maxLength={50}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />

      <SelectField
        label="Webhook Type"
        id="webhook-type"
        error={errors.type}
        hint={WEBHOOK_TYPE_HINTS[type]}
        data-field="type"
        value={type}
        onChange={(e) => {
          setType(e.target.value as WebhookType);
          setTypeChosen(true);
        }}
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
        error={errors.url}
        hint={
          mismatch ? (
            <span className="font-medium text-amber-800">{mismatch}</span>
          ) : (
            "Pasting a WeCom, DingTalk, Lark/Feishu, Slack, Discord or Teams address selects its type."
          )
        }
        data-field="url"
        type="url"
        inputMode="url"
        required
        maxLength={2048}
        placeholder="https://"
        value={url}
        onChange={(e) => changeUrl(e.target.value, false)}
        onPaste={(e) => {
          const pasted = e.clipboardData.getData("text");
          const input = e.currentTarget;
          const next =
            input.value.slice(0, input.selectionStart ?? input.value.length) +
            pasted +
            input.value.slice(input.selectionEnd ?? input.value.length);
          e.preventDefault();
          changeUrl(next, true);
        }}
      />

      <TextField
        label="Secret"
        id="webhook-secret"
        error={errors.secret}
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
        data-field="secret"
        type="password"
        autoComplete="off"
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      {defaults.secretHint ? (
        <Checkbox
          label="Remove the stored secret"
          checked={clearSecret}
          onChange={(e) => setClearSecret(e.target.checked)}
          disabled={secret.length > 0}
        />
      ) : null}

      <SelectField
        label="Message language"
        id="webhook-language"
        error={errors.language}
        data-field="language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
        className="max-w-xs"
      >
        {LANGUAGES.map((value) => (
          <option key={value} value={value}>
            {LANGUAGE_LABELS[value]}
          </option>
        ))}
      </SelectField>

      <fieldset
        className="flex flex-col gap-3"
        aria-describedby={errors.events ? "webhook-events-error" : undefined}
      >
        <legend className="mb-1 text-sm font-medium text-zinc-900">Select events to push</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {EVENT_TYPES.map((event, index) => (
            <Checkbox
              key={event}
              data-field={index === 0 ? "events" : undefined}
              label={EVENT_LABELS[event].en}
              description={EVENT_DESCRIPTIONS[event]}
              checked={events.includes(event)}
              onChange={(e) => toggleEvent(event, e.target.checked)}
            />
          ))}
        </div>
        {errors.events ? (
          <p id="webhook-events-error" className="text-xs font-medium text-red-700">
            {errors.events}
          </p>
        ) : null}
      </fieldset>

      <Switch
        id="webhook-state"
        label="Webhook State"
        description="When off, nothing is sent to this URL."
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
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
