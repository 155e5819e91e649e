"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { CLIENT_VALIDATION, focusFirstError, useServerErrors } from "@/components/forms/form-errors";
import { useAction } from "@/components/forms/use-action";
import { useZodResolver } from "@/components/forms/use-zod-resolver";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { SelectField, TextField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { toast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/action-result";
import { EVENT_TYPES, LANGUAGES } from "@/lib/domain/event-catalog";
import { inboxTokenOf } from "@/lib/domain/test-inbox";
import {
  detectWebhookType,
  mismatchedType,
  SIGNED_ROBOT_TYPES,
  WEBHOOK_TYPES,
} from "@/lib/domain/webhook-types";
import { type WebhookInput, type WebhookPreviewInput, webhookInput } from "@/lib/validation/webhook";
import type { WebhookPreview as Preview } from "@/lib/webhooks/preview-webhook";
import type { WebhookFormDefaults } from "@/lib/webhooks/webhook-view";
import { WebhookPreview } from "./webhook-preview";

type Props = {
  /** The bound "Save Info" action: create when the page bound no webhook id, update otherwise. */
  action: (values: WebhookInput) => Promise<ActionResult<{ id: string }>>;
  /** The live preview's bound action: what this webhook would be sent (docs/robots.md#preview). */
  preview: (input: WebhookPreviewInput) => Promise<ActionResult<Preview>>;
  defaults?: WebhookFormDefaults;
  /** The team's payload time zone (Team settings), in which payloads write their times. */
  payloadTimeZone: string;
  listHref: string;
  cancelHref: string;
  /** "Use a test inbox" (docs/delivery.md#test-inbox): a new inbox of the team, whose URL fills the field. */
  newTestInbox: () => Promise<ActionResult<{ url: string; token: string }>>;
  /** The dashboard's public URL: a URL field naming one of its inboxes gets a link to it. */
  inboxBaseUrl: string;
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

export function WebhookForm({
  action,
  preview,
  defaults = EMPTY,
  payloadTimeZone,
  listHref,
  cancelHref,
  newTestInbox,
  inboxBaseUrl,
}: Props) {
  const router = useRouter();
  const editing = defaults !== EMPTY;
  const t = useTranslations();
  const form = useForm<WebhookInput>({
    resolver: useZodResolver(webhookInput),
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
  const inbox = useAction(newTestInbox);
  const error = useServerErrors(form, failure, FIELDS);
  const { errors } = form.formState;
  const [type = "json", url = "", secret = "", language = "en", events = []] = useWatch({
    control: form.control,
    name: ["type", "url", "secret", "language", "events"],
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
        toast({
          title: t(editing ? "webhooks.form.saved" : "webhooks.form.created", { name }),
          tone: "success",
        });
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
  const detected = mismatchedType(type, url);
  const mismatch = detected
    ? t("webhooks.typeMismatch", { detected: t(`webhookTypes.${detected}`), type: t(`webhookTypes.${type}`) })
    : null;
  const secretRelevant = SIGNED_ROBOT_TYPES.includes(type);
  const inboxToken = inboxTokenOf(url, inboxBaseUrl);

  function takeTestInbox() {
    inbox.run(undefined, (created) => {
      form.setValue("url", created.url, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
      toast({ title: t("inbox.created"), tone: "success" });
    });
  }

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-6" noValidate>
      {error ? (
        <Alert tone="danger" title={t("webhooks.form.notSaved")}>
          {error}
        </Alert>
      ) : null}

      <TextField
        label={t("webhooks.form.name")}
        id="webhook-name"
        error={errors.name?.message}
        hint={t("webhooks.form.nameHint")}
        required
        maxLength={50}
        {...form.register("name")}
      />

      <SelectField
        label={t("webhooks.form.type")}
        id="webhook-type"
        error={errors.type?.message}
        hint={t(`webhookTypeHints.${type}`)}
        {...typeField}
      >
        {WEBHOOK_TYPES.map((value) => (
          <option key={value} value={value}>
            {t(`webhookTypes.${value}`)}
          </option>
        ))}
      </SelectField>

      <TextField
        label={t("webhooks.form.url")}
        id="webhook-url"
        error={errors.url?.message}
        hint={
          mismatch ? (
            <span className="font-medium text-amber-800">{mismatch}</span>
          ) : (
            t("webhooks.form.urlHint")
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
      <div className="-mt-3 flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant="secondary" size="sm" pending={inbox.pending} onClick={takeTestInbox}>
            {t("inbox.use")}
          </Button>
          {inboxToken ? (
            <Link href={`/inboxes/${inboxToken}`} className="text-sm font-medium text-indigo-700 underline">
              {t("inbox.open")}
            </Link>
          ) : null}
        </div>
        <p className="text-xs text-zinc-600">{t("inbox.useHint")}</p>
        {inbox.error ? (
          <p role="alert" className="text-sm text-red-700">
            {inbox.error}
          </p>
        ) : null}
      </div>

      {/* The robot's own secret: only DingTalk and Lark sign with one (a stored one can still be cleared). */}
      {secretRelevant || defaults.secretHint ? (
        <TextField
          label={t("webhooks.form.secret")}
          id="webhook-secret"
          error={errors.secret?.message}
          hint={
            <>
              {t("webhooks.form.secretOptional")}{" "}
              {secretRelevant ? t("webhooks.form.secretSigned") : t("webhooks.form.secretOther")}{" "}
              {t("webhooks.form.secretStored")}
              {defaults.secretHint ? ` ${t("webhooks.form.secretSet", { hint: defaults.secretHint })}` : ""}
            </>
          }
          type="password"
          autoComplete="off"
          {...form.register("secret")}
        />
      ) : null}
      {defaults.secretHint ? (
        <Controller
          control={form.control}
          name="clearSecret"
          render={({ field }) => (
            <Checkbox
              ref={field.ref}
              name={field.name}
              label={t("webhooks.form.clearSecret")}
              checked={field.value ?? true}
              onCheckedChange={(checked) => field.onChange(checked === true)}
              onBlur={field.onBlur}
              disabled={secret.length > 0}
            />
          )}
        />
      ) : null}

      <SelectField
        label={t("webhooks.form.language")}
        id="webhook-language"
        error={errors.language?.message}
        hint={t.rich("webhooks.form.timeZoneHint", {
          zone: payloadTimeZone,
          link: (chunks) => (
            <Link href="/team/settings" className="font-medium text-indigo-700 underline">
              {chunks}
            </Link>
          ),
        })}
        className="max-w-xs"
        {...form.register("language")}
      >
        {LANGUAGES.map((value) => (
          <option key={value} value={value}>
            {t(`webhooks.form.languages.${value}`)}
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
            <legend className="mb-1 text-sm font-medium text-zinc-900">{t("webhooks.form.events")}</legend>
            <p className="text-xs text-zinc-500">
              {t.rich("webhooks.form.eventsCatalog", {
                link: (chunks) => (
                  <Link href="/event-catalog" className="font-medium text-indigo-700 underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
            <div className="grid gap-3 sm:grid-cols-2">
              {EVENT_TYPES.map((event, index) => (
                <Checkbox
                  key={event}
                  ref={index === 0 ? field.ref : undefined}
                  label={t(`events.${event}`)}
                  description={t(`eventDescriptions.${event}`)}
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
              label={t("webhooks.form.digest")}
              description={t("webhooks.form.digestHint")}
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
            label={t("webhooks.form.state")}
            description={t("webhooks.form.stateHint")}
            checked={field.value ?? true}
            onCheckedChange={field.onChange}
            onBlur={field.onBlur}
          />
        )}
      />

      <WebhookPreview preview={preview} type={type} language={language} events={events} />

      <div className="flex gap-3 border-t border-zinc-200 pt-5">
        <Button type="submit" pending={pending}>
          {t("webhooks.form.submit")}
        </Button>
        <ButtonLink href={cancelHref} variant="secondary">
          {t("common.cancel")}
        </ButtonLink>
      </div>
    </form>
  );
}
