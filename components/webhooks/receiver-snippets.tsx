"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { receiverSnippets, type SnippetLanguage } from "@/lib/webhooks/snippets";

/**
 * "Receiver code": a small server in the chosen language that verifies this webhook's signature and parses the
 * payload (lib/webhooks/snippets.ts), with a Copy button. The secret is filled in only once the admin revealed
 * it; until then a placeholder says where it goes.
 */
export function ReceiverSnippets({ secret }: { secret: string | null }) {
  const id = useId();
  const t = useTranslations("webhooks.snippets");
  const tc = useTranslations("common");
  const snippets = receiverSnippets(secret);
  const [language, setLanguage] = useState<SnippetLanguage>("node");
  const snippet = snippets.find((item) => item.language === language) ?? snippets[0];
  const codeRef = useRef<HTMLPreElement>(null);
  if (!snippet) return null;

  async function copy() {
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet.code);
      toast({ title: tc("copiedToast", { label: t("code", { language: snippet.label }) }), tone: "success" });
    } catch {
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      toast({ title: tc("copyFailed"), description: tc("copyFailedHint"), tone: "error" });
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-3 border-t border-zinc-200 pt-4">
      <h4 id={`${id}-title`} className="text-sm font-semibold">
        {t("title")}
      </h4>
      <p className="text-sm text-zinc-600">{secret ? t("filled") : t("placeholder")}</p>
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label={t("language")}
          id={`${id}-language`}
          value={language}
          onChange={(e) => setLanguage(e.target.value as SnippetLanguage)}
          fieldClassName="w-full sm:w-48"
        >
          {snippets.map((item) => (
            <option key={item.language} value={item.language}>
              {item.label}
            </option>
          ))}
        </SelectField>
        <Button variant="secondary" onClick={copy} className="mb-0.5">
          {t("copy")}
        </Button>
      </div>
      <p className="text-xs text-zinc-600">
        {t.rich("run", {
          file: snippet.filename,
          command: snippet.run,
          code: (chunks) => <code className="font-mono">{chunks}</code>,
        })}
      </p>
      <section
        aria-label={t("code", { language: snippet.label })}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable code block must be reachable by keyboard
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md bg-zinc-950 p-4 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <pre ref={codeRef} className="font-mono text-xs leading-relaxed text-zinc-100">
          <code>{snippet.code}</code>
        </pre>
      </section>
    </section>
  );
}
