import { HealthRangeSwitch } from "@/components/webhooks/health-range-switch";
import { formatLatency, formatRate, formatUtc } from "@/lib/format";
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
  const { buckets, range } = report;
  const { bucket, label } = HEALTH_RANGES[range];
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
  const summary =
    `Attempts per ${bucket} over ${label}: ${report.succeeded} succeeded, ${report.failed} failed` +
    (maxP95 > 0 ? `; the highest p95 latency of one ${bucket} was ${formatLatency(maxP95)}.` : ".");

  return (
    <figure className="flex flex-col gap-2">
      <div className="flex justify-between text-xs text-zinc-500" aria-hidden="true">
        <span>
          up to {maxCount} {maxCount === 1 ? "attempt" : "attempts"} per {bucket}
        </span>
        {maxP95 > 0 ? <span>p95 up to {formatLatency(maxP95)}</span> : null}
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
      <div className="flex justify-between text-xs text-zinc-500" aria-hidden="true">
        <span>{formatUtc(report.since)}</span>
        <span>now</span>
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-zinc-700">
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.succeeded} /> Succeeded
        </span>
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.failed} /> Failed
        </span>
        <span className="flex items-center gap-1.5">
          <Swatch color={COLORS.p95} line /> p95 latency
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
  const { bucket, label } = HEALTH_RANGES[report.range];
  const rows = report.buckets.filter((b: HealthBucket) => b.succeeded + b.failed > 0);
  return (
    <div className="sr-only">
      <table>
        <caption>
          Attempts per {bucket} over {label} ({bucket}s without attempts are left out)
        </caption>
        <thead>
          <tr>
            <th scope="col">{bucket === "hour" ? "Hour from" : "Day from"}</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
            <th scope="col">p95 latency</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.start.toISOString()}>
              <th scope="row">{formatUtc(b.start)}</th>
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
  const { label } = HEALTH_RANGES[report.range];
  if (report.attempts === 0) {
    return (
      <p className="rounded-lg border border-dashed border-zinc-300 px-6 py-8 text-center text-sm text-zinc-600">
        No deliveries in {label}
      </p>
    );
  }
  const stats = [
    { term: "Success rate", value: formatRate(report.successRate) },
    { term: "p50 latency", value: formatLatency(report.p50Ms) },
    { term: "p95 latency", value: formatLatency(report.p95Ms) },
    { term: "Attempts", value: `${report.attempts} (${report.failed} failed)` },
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
      <h3 id={headingId} className="text-base font-semibold text-zinc-900">
        Health
      </h3>
      <HealthRangeSwitch
        panels={{ "24h": <HealthPanel report={day} />, "7d": <HealthPanel report={week} /> }}
      />
    </section>
  );
}
