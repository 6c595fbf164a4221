/** What one bench reports: an object merged into the final JSON line under its own keys. */
export type BenchResult = Record<string, unknown>;

/** Nearest-rank percentile of durations (ms). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A plain aligned table for people; the JSON line at the end is for scripts. */
export function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  console.log(`\n${title}`);
  rows.forEach((row, index) => {
    console.log(
      row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   '),
    );
    if (index === 0) console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  });
}
