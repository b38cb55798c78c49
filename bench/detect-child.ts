/**
 * One detection run in a fresh process, for memory figures: a process's RSS only grows, so a
 * peak measured inside the bench would carry what earlier runs and DuckDB left behind.
 * Usage: node --import tsx bench/detect-child.ts DIR WORKERS → prints {"peakMb", "ms", "events", "findings"}.
 */
import { runDetection } from '../src/detect/index.ts';

const [dir, workers] = process.argv.slice(2);
let peak = process.memoryUsage().rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const started = performance.now();
const result = await runDetection([dir!], { workers: Number(workers ?? 1) });
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(JSON.stringify({ peakMb: peak / 2 ** 20, ms: performance.now() - started, events: result.stats.events.parsed, findings: result.findings.length }));
