/**
 * `npx tsx --conditions=react-server scripts/bench/statements.ts [bench flags]`: runs the bench against a throwaway cluster with
 * pg_stat_statements, then prints the statements the run made (calls, rows, total time), heaviest first:
 * what one ingest and one delivery cost the database.
 */
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { createCluster } from "../faults/cluster";
import { SERVER_NODE_ARGS } from "../server-node";
import { sparePort } from "./processes";

const log = (message: string) => console.error(`[statements] ${message}`);
const cluster = createCluster(await sparePort(), log, {
  shared_preload_libraries: "pg_stat_statements",
  "pg_stat_statements.track": "all",
  max_connections: "200",
});
try {
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin`create extension if not exists pg_stat_statements`;
  await admin`select pg_stat_statements_reset()`;
  const bench = spawnSync(
    process.execPath,
    [...SERVER_NODE_ARGS, "scripts/bench/run.ts", ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: cluster.url },
    },
  );
  if (bench.status !== 0) log(`the bench exited with ${bench.status}`);
  const rows = await admin<Array<{ calls: number; rows: number; total: number; query: string }>>`
    select calls::int, rows::int, round(total_exec_time::numeric, 1)::float as total,
           regexp_replace(query, '\\s+', ' ', 'g') as query
    from pg_stat_statements
    where query not ilike '%pg_stat_statements%'
    order by total_exec_time desc
    limit 40`;
  for (const row of rows) {
    console.log(
      `${String(row.calls).padStart(8)} calls ${String(row.rows).padStart(9)} rows ${row.total.toFixed(0).padStart(8)} ms  ${row.query.slice(0, 220)}`,
    );
  }
  await admin.end();
} finally {
  cluster.destroy();
}
