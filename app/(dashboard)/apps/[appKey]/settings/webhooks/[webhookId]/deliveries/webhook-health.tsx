import { useTranslations } from "next-intl";
import { Time } from "@/components/ui/time";
import { HealthRangeSwitch } from "@/components/webhooks/health-range-switch";
import { formatLatency, formatRate } from "@/lib/format";
import {
  HEALTH_RANGES,
  type HealthBucket,
  type WebhookHealthReport,
  webhookHealth,
} from "@/lib/webhooks/health";

const WIDTH = 600;
const HEIGHT = 120;
const COLORS = { succeeded: "#16a34a", failed: "#dc2626", p95: "#4f46e5" };

function Swatch({ color, line = false }: { color: string; line?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={line ? "inline-block h-0.5 w-4 align-middle" : "inline-block size-3 rounded-sm align-middle"}
      style={{ backgroundColor: color }}
    />
  );
}

/** Stacked bars of succeeded (bottom) and failed (top) attempts per bucket, and a line of each bucket's p95. */
function Chart({ report }: { report: WebhookHealthReport }) {
  const t = useTranslations("health");
  const { buckets, range } = report;
  const { bucket } = HEALTH_RANGES[range];
  const per = t(`per.${bucket}`);
  const span = t(`span.${bucket}`);
  const slot = WIDTH / buckets.length;
  const bar = slot * 0.7;
  const maxCount = Math.max(1, ...buckets.map((b) => b.succeeded + b.failed));
  const maxP95 = Math.max(0, ...buckets.map((b) => b.p95Ms ?? 0));
  const y = (count: number) => (count / maxCount) * HEIGHT;
  // The p95 line, broken where a bucket has no attempts.
  let path = "";
  let drawing = false;
  buckets.forEach((b, i) => {
    if (b.p95Ms === null || maxP95 === 0) {
      drawing = false;
      return;
    }
    const x = i * slot + slot / 2;
    const py = HEIGHT - (b.p95Ms / maxP95) * (HEIGHT - 4) - 2;
    path += `${drawing ? "L" : "M"}${x.toFixed(1)},${py.toFixed(1)} `;
    drawing = true;
  });
  const counts = { per, span, succeeded: report.succeeded, failed: report.failed };
  const summary =
    maxP95 > 0 ? t("summaryP95", { ...counts, p95: formatLatency(maxP95) }) : t("summary", counts);

  return (
    <figure className="flex flex-col gap-2">
      <div className="flex justify-between text-xs text-zinc-500" aria-hidden="true">
        <span>{t("axisMax", { count: maxCount, per })}</span>
        {maxP95 > 0 ? <span>{t("axisP95", { p95: formatLatency(maxP95) })}</span> : null}
      </div>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        className="h-32 w-full rounded border border-zinc-200 bg-zinc-50"
      >
        {buckets.map((b, i) => {
          const x = i * slot + (slot - bar) / 2;
          const ok = y(b.succeeded);
          const bad = y(b.failed);
          return (
            <g key={b.start.toISOString()}>
              {ok > 0 ? <rect x={x} y={HEIGHT - ok} width={bar} height={ok} fill={COLORS.succeeded} /> : null}
              {bad > 0 ? (
                <rect x={x} y={HEIGHT - ok - bad} width={bar} height={bad} fill={COLORS.failed} />
              ) : null}
            </g>
          );
        })}
        {path ? (
          <path
            d={path.trim()}
            fill="none"
            stroke={COLORS.p95}
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />
        ) : null}
      </svg>
      <div className="flex justify-between gap-2 text-xs text-zinc-500" aria-hidden="true">
        <Time value={report.since} relative={false} />
        <span>{t("now")}</span>
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-zinc-700">
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.succeeded} /> {t("succeeded")}
        </span>
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.failed} /> {t("failed")}
        </span>
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.p95} line /> {t("p95")}
        </span>
      </figcaption>
      <BucketTable report={report} />
    </figure>
  );
}

/**
 * The chart's numbers, for screen readers. The box around the table hides it: a table is as wide as its
 * content whatever its own width, and would make the page wider than a phone.
 */
function BucketTable({ report }: { report: WebhookHealthReport }) {
  const t = useTranslations("health");
  const { bucket } = HEALTH_RANGES[report.range];
  const rows = report.buckets.filter((b: HealthBucket) => b.succeeded + b.failed > 0);
  return (
    <div className="sr-only">
      <table>
        <caption>{t("tableCaption", { per: t(`per.${bucket}`), span: t(`span.${bucket}`) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("from", { bucket })}</th>
            <th scope="col">{t("succeeded")}</th>
            <th scope="col">{t("failed")}</th>
            <th scope="col">{t("p95")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.start.toISOString()}>
              <th scope="row">
                <Time value={b.start} relative={false} />
              </th>
              <td>{b.succeeded}</td>
              <td>{b.failed}</td>
              <td>{formatLatency(b.p95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HealthPanel({ report }: { report: WebhookHealthReport }) {
  const t = useTranslations("health");
  const { bucket } = HEALTH_RANGES[report.range];
  if (report.attempts === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600">
        {t("empty", { span: t(`span.${bucket}`) })}
      </p>
    );
  }
  const stats = [
    { term: t("successRate"), value: formatRate(report.successRate) },
    { term: t("p50"), value: formatLatency(report.p50Ms) },
    { term: t("p95"), value: formatLatency(report.p95Ms) },
    { term: t("attempts"), value: t("attemptsValue", { attempts: report.attempts, failed: report.failed }) },
  ];
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.term} className="flex flex-col">
            <dt className="text-xs font-medium text-zinc-500">{stat.term}</dt>
            <dd className="text-lg font-semibold text-zinc-900">{stat.value}</dd>
          </div>
        ))}
      </dl>
      <Chart report={report} />
    </div>
  );
}

/** The section's heading (a component of its own: the async section below reads no messages itself). */
function HealthHeading({ id }: { id: string }) {
  const t = useTranslations("health");
  return (
    <h3 id={id} className="text-base font-semibold text-zinc-900">
      {t("title")}
    </h3>
  );
}

/**
 * A webhook's health over the last 24 hours and 7 days: success rate, p50/p95 latency of its attempts, and a
 * chart of attempts per hour or day. The page that shows it has checked that the user may see the webhook.
 */
export async function WebhookHealth({ webhookId }: { webhookId: string }) {
  const now = new Date();
  const [day, week] = await Promise.all([
    webhookHealth(webhookId, "24h", now),
    webhookHealth(webhookId, "7d", now),
  ]);
  const headingId = `webhook-health-${webhookId}`;
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <HealthHeading id={headingId} />
      <HealthRangeSwitch
        panels={{ "24h": <HealthPanel report={day} />, "7d": <HealthPanel report={week} /> }}
      />
    </section>
  );
}
