import type { ReactNode } from "react";
import type { RobotMarkup } from "@/lib/webhooks/robot-text";

/**
 * An approximate rendering of a robot message as the chat shows it: headings, bold, quotes, lists, rules, code
 * and links of the services' markdown (Slack's mrkdwn: `*bold*` and `<url|label>`). Everything is React text
 * (never HTML): the message carries untrusted text (docs/robots.md#untrusted-text), and only http(s) links
 * become links.
 */
export function ChatMarkdown({ text, markup }: { text: string; markup: RobotMarkup }) {
  // ``` fences: the odd parts are code blocks. Keys are each part's offset in the text.
  let at = 0;
  const parts = text.split("```").map((part, index) => {
    const key = at;
    at += part.length + 3;
    return { part, key, code: index % 2 === 1 };
  });
  return (
    <div className="flex flex-col gap-1 text-sm leading-relaxed break-words text-zinc-900">
      {parts.map(({ part, key, code }) =>
        code ? (
          <pre
            key={key}
            className="overflow-x-auto rounded bg-zinc-100 p-2 font-mono text-xs whitespace-pre-wrap"
          >
            {decode(part.replace(/^\n|\n$/g, ""))}
          </pre>
        ) : (
          <Blocks key={key} text={part} markup={markup} />
        ),
      )}
    </div>
  );
}

/** Lark's and Slack's escapes, shown as the characters they stand for (as React text, so never markup). */
function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function Blocks({ text, markup }: { text: string; markup: RobotMarkup }) {
  const out: ReactNode[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length === 0) return;
    out.push(
      <ul key={`ul-${out.length}`} className="list-disc pl-5">
        {items.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, never reordered
          <li key={index}>{inline(item, markup)}</li>
        ))}
      </ul>,
    );
    items = [];
  };
  for (const line of text.split("\n")) {
    const item = /^[-*•]\s+(.*)$/.exec(line);
    if (item && !(markup === "mrkdwn" && /^\*[^*]+\*$/.test(line))) {
      items.push(item[1] ?? "");
      continue;
    }
    flush();
    const key = out.length;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const quote = /^>\s?(.*)$/.exec(line);
    if (heading)
      out.push(
        <p key={key} className="text-base font-semibold">
          {inline(heading[1] ?? "", markup)}
        </p>,
      );
    else if (quote)
      out.push(
        <p key={key} className="border-l-4 border-zinc-300 pl-2 text-zinc-600">
          {inline(quote[1] ?? "", markup)}
        </p>,
      );
    else if (/^-{3,}$/.test(line.trim())) out.push(<hr key={key} className="my-1 border-zinc-200" />);
    else if (line.trim() === "") out.push(<div key={key} aria-hidden="true" className="h-1" />);
    else out.push(<p key={key}>{inline(line, markup)}</p>);
  }
  flush();
  return <>{out}</>;
}

const TOKENS: Record<RobotMarkup, RegExp> = {
  markdown: /(\*\*[^*]+\*\*|\[[^\]]*\]\([^)\s]+\)|`[^`\n]+`)/,
  mrkdwn: /(\*[^*\n]+\*|<[^<>|\s]+\|[^<>]+>|`[^`\n]+`)/,
};

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

function link(label: string, url: string, key: number): ReactNode {
  const href = safeUrl(decode(url));
  return href ? (
    <a key={key} href={href} target="_blank" rel="noopener noreferrer" className="text-indigo-700 underline">
      {decode(label)}
    </a>
  ) : (
    decode(label)
  );
}

/** Bold, code and links of one line; the rest is text. Keys are each part's offset in the line. */
function inline(text: string, markup: RobotMarkup): ReactNode[] {
  let at = 0;
  return text.split(TOKENS[markup]).map((part, index) => {
    const key = at;
    at += part.length;
    if (index % 2 === 0) return decode(part);
    if (part.startsWith("`")) {
      return (
        <code key={key} className="rounded bg-zinc-100 px-1 font-mono text-[0.85em]">
          {decode(part.slice(1, -1))}
        </code>
      );
    }
    if (markup === "markdown" && part.startsWith("**"))
      return <strong key={key}>{decode(part.slice(2, -2))}</strong>;
    if (markup === "mrkdwn" && part.startsWith("*"))
      return <strong key={key}>{decode(part.slice(1, -1))}</strong>;
    if (markup === "mrkdwn") {
      const [url = "", label = ""] = part.slice(1, -1).split("|", 2);
      return link(label, url, key);
    }
    const match = /^\[([^\]]*)\]\(([^)\s]+)\)$/.exec(part);
    return match ? link(match[1] ?? "", match[2] ?? "", key) : decode(part);
  });
}
