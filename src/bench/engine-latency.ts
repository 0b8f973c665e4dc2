import { performance } from "node:perf_hooks";
import type { Subject } from "./engine-subjects.js";
import { type BenchRow, median, ms } from "./stats.js";

/** The subjects to compare and how many samples of each. */
export interface LatencyOptions {
  /** The berth ways (API, Engine, runtime); each is compared with `raw`. */
  berth: readonly Subject[];
  raw: Subject;
  /** Samples per berth subject; the raw floor gets as many as all berth subjects together. */
  samples: number;
  /** Containers per sample (1, or 20 started in parallel). */
  containers: number;
  /** Target ratio to the raw floor. */
  target: number;
}

/** Median times of one mode: per berth subject and for the raw floor. */
export interface LatencyResult {
  containers: number;
  raw: number[];
  berth: { label: string; times: number[] }[];
}

/** One sample: untimed setup, timed create+start of all keys at once, untimed removal (always). */
async function sample(subject: Subject, keys: readonly string[]): Promise<number> {
  for (const key of keys) await subject.setup(key);
  const start = performance.now();
  const runs = await Promise.allSettled(keys.map((key) => subject.run(key)));
  const elapsed = performance.now() - start;
  const removals = await Promise.allSettled(keys.map((key) => subject.remove(key)));
  const failed = [...runs, ...removals].find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return elapsed;
}

function keysOf(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
}

/**
 * Alternates berth and raw samples (raw first in odd rounds) so both share the machine's noise, the
 * berth subjects in a rotating order; one
 * unrecorded warm-up round first (layer unpack, page cache, JIT).
 */
export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
  const mode = options.containers === 1 ? "s" : "p";
  const result: LatencyResult = {
    containers: options.containers,
    raw: [],
    berth: options.berth.map((s) => ({ label: s.label, times: [] })),
  };
  for (const [index, subject] of options.berth.entries()) {
    await sample(subject, keysOf(`${mode}w${index}`, options.containers));
    await sample(options.raw, keysOf(`${mode}w${index}`, options.containers));
  }
  for (let round = 0; round < options.samples; round++) {
    // the subjects take turns at going first, so none always runs right after the previous round's removals
    for (let turn = 0; turn < options.berth.length; turn++) {
      const index = (turn + round) % options.berth.length;
      const subject = options.berth[index];
      if (subject === undefined) continue;
      const keys = keysOf(`${mode}${round}x${index}`, options.containers);
      const times = result.berth[index]?.times ?? [];
      if (round % 2 === 0) {
        times.push(await sample(subject, keys));
        result.raw.push(await sample(options.raw, keys));
      } else {
        result.raw.push(await sample(options.raw, keys));
        times.push(await sample(subject, keys));
      }
    }
  }
  return result;
}

/** Table rows: the raw floor, then each berth way with its ratio to the floor and the target. */
export function latencyRows(result: LatencyResult, target: number): BenchRow[] {
  const what =
    result.containers === 1 ? "create+start, 1 container" : `create+start, ${result.containers} in parallel`;
  const floor = median(result.raw);
  const spread = (times: number[]) =>
    `median of ${times.length}, ${ms(Math.min(...times))}–${ms(Math.max(...times))}`;
  return [
    { name: `${what}: raw runc create + start (floor)`, value: ms(floor), note: spread(result.raw) },
    ...result.berth.map(({ label, times }) => {
      const ratio = median(times) / floor;
      return {
        name: `${what}: ${label}`,
        value: ms(median(times)),
        note: `${ratio.toFixed(2)}x the floor, target <= ${target}x ${ratio <= target ? "(met)" : "(MISSED)"}; ${spread(times)}`,
      };
    }),
  ];
}
