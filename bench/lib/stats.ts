/** Latency summaries and the report line every benchmark prints. */
export interface Summary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  throughputPerSecond: number;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export function summarize(latenciesMs: number[], elapsedMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean, throughputPerSecond: (sorted.length / elapsedMs) * 1000 };
}

export interface BenchResult {
  name: string;
  description: string;
  ours: Summary;
  baseline: Summary;
  /** ours / baseline throughput: below 1 means ours is slower (the price of its guarantees). */
  throughputRatio: number;
}

export function report(result: BenchResult): void {
  const fmt = (value: number) => value.toFixed(2);
  console.log(`\n${result.name}: ${result.description}`);
  console.log('                 count   p50 ms   p99 ms   mean ms   per second');
  for (const [label, summary] of [['ours', result.ours], ['baseline', result.baseline]] as const) {
    console.log(
      `  ${label.padEnd(12)} ${String(summary.count).padStart(7)} ${fmt(summary.p50).padStart(8)} ${fmt(summary.p99).padStart(8)} ${fmt(summary.mean).padStart(9)} ${summary.throughputPerSecond.toFixed(0).padStart(12)}`,
    );
  }
  console.log(`  throughput ratio (ours / baseline): ${result.throughputRatio.toFixed(2)}`);
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
}

/** Runs `count` jobs with at most `concurrency` at once. */
export async function pool(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await job(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
