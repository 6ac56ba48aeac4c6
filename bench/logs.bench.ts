// Live logs, end to end through the sandbox's stream server and the streaming module
// (plain Node; the terminal's own colouring and batching included):
// - latency: a line appended to the app's log → that line rendered, median and p95 of 200;
// - throughput: 20,000 lines at full speed, with the consumer's event-loop lag meanwhile;
// - memory: heap and RSS while a stream runs with a consumer that renders and drops
//   lines (the hidden terminal), for LOGS_BENCH_MINUTES (default 1; the issue asks 10).
//   node --import tsx bench/logs.bench.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { streamLines } from '../src/heroku/streams/textStream';
import { tailLogs } from '../src/heroku/streams/logTail';
import { colorLine } from '../src/logs/core/logColors';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is CommonJS
const { createLogSession } = require('../sandbox/lib/streamServer.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { appendLines, logLine } = require('../sandbox/lib/logs.js');

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

export async function benchLogs(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-bench-'));
  // No generated router lines: every line the bench counts is one it wrote.
  const env = { ...process.env, MEMBRANE_SANDBOX_HOME: home, MEMBRANE_SANDBOX_STREAM_IDLE_MS: '5000', MEMBRANE_SANDBOX_ROUTER_MS: '0' };
  const open = (app: string) => createLogSession(home, env, app, { lines: 0, tail: true }) as string;
  /** Lines appended before the server opened the stream are its history (skipped with lines: 0): wait for it. */
  const waitOpened = async (count: number) => {
    const events = path.join(home, 'stream-events.log');
    while (!fs.existsSync(events) || fs.readFileSync(events, 'utf8').split(' opened ').length - 1 < count) await new Promise((r) => setTimeout(r, 10));
  };

  // Latency: one line at a time; the next is written once the previous was seen.
  {
    const ac = new AbortController();
    const lines = streamLines(open('latency'), { signal: ac.signal })[Symbol.asyncIterator]();
    const first = lines.next();
    await waitOpened(1);
    const waits: number[] = [];
    let pending: Promise<IteratorResult<string>> | undefined = first;
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      appendLines(home, 'latency', [logLine('app', 'web.1', `latency ${i}`)]);
      for (;;) {
        const next = await (pending ?? lines.next());
        pending = undefined;
        if (next.done) throw new Error('the stream ended');
        colorLine(next.value);
        if (next.value.endsWith(`latency ${i}`)) break;
      }
      waits.push(performance.now() - start);
    }
    ac.abort();
    printTable('Log latency: line written → line rendered (200 lines; the server polls the file every 50 ms)', ['median ms', 'p95 ms', 'max ms'], [[median(waits).toFixed(1), p95(waits).toFixed(1), Math.max(...waits).toFixed(1)]]);
  }

  // Throughput: 20,000 lines at once.
  {
    const ac = new AbortController();
    const url = open('throughput');
    const lag = monitorEventLoopDelay({ resolution: 10 });
    const batch = Array.from({ length: 20_000 }, (_, i) => logLine('heroku', 'router', `at=info method=GET path="/${i}" service=${i % 3000}ms status=${i % 7 ? 200 : 503} bytes=512`));
    let seen = 0;
    const start = performance.now();
    lag.enable();
    const reading = (async () => {
      for await (const line of streamLines(url, { signal: ac.signal })) {
        colorLine(line);
        if (++seen === batch.length) break;
      }
    })();
    await waitOpened(2);
    appendLines(home, 'throughput', batch);
    await reading;
    lag.disable();
    const ms = performance.now() - start;
    ac.abort();
    printTable('Log throughput: 20,000 lines at full speed', ['lines', 'ms', 'lines/s', 'event-loop lag p95 ms', 'max ms'], [
      [String(seen), ms.toFixed(0), ((seen / ms) * 1000).toFixed(0), (lag.percentile(95) / 1e6).toFixed(1), (lag.max / 1e6).toFixed(1)],
    ]);
  }

  // Memory: a steady stream, rendered and dropped (a hidden terminal).
  {
    const minutes = Number(process.env.LOGS_BENCH_MINUTES) || 1;
    const ac = new AbortController();
    let seen = 0;
    // The terminal's path: a reconnecting tail, each line coloured, then dropped.
    const reading = tailLogs(
      {
        openSession: async () => open('memory'),
        onLine: (line) => {
          colorLine(line);
          seen++;
        },
      },
      ac.signal,
    );
    await waitOpened(3);
    const samples: string[][] = [];
    const end = Date.now() + minutes * 60_000;
    let i = 0;
    while (Date.now() < end) {
      appendLines(home, 'memory', Array.from({ length: 200 }, () => logLine('app', 'web.1', `memory ${i++} ${'x'.repeat(100)}`)));
      await new Promise((r) => setTimeout(r, 100));
      if (i % 20_000 === 0) {
        global.gc?.();
        const m = process.memoryUsage();
        samples.push([`${Math.round((minutes * 60_000 - (end - Date.now())) / 1000)} s`, String(seen), (m.heapUsed / 1e6).toFixed(1), (m.rss / 1e6).toFixed(1)]);
      }
    }
    ac.abort();
    await reading;
    printTable(`Log memory: a stream of 2,000 lines/s for ${minutes} min, rendered and dropped`, ['time', 'lines seen', 'heap MB', 'RSS MB'], samples);
  }
  fs.rmSync(home, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith('logs.bench.ts')) {
  benchLogs().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
