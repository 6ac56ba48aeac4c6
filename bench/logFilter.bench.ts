// Logs you can narrow (plain Node; the terminal's own drawing is not included: the view
// hands it one string per re-render, one per line or batch afterwards):
// - re-render: 5,000 kept lines (router lines as the sandbox writes them, app and platform
//   lines between) shown again under a new filter, each kind (the goal: under 100 ms),
//   painting what a terminal with VS Code's default scrollback holds, and every line; a
//   regular expression's first re-render includes starting its worker;
// - throughput: 30,000 router lines through each filter: the matching alone, and the
//   view's whole path (match, colour, highlight, write).
//   node --import tsx bench/logFilter.bench.ts
import { LogView } from '../src/logs/core/logView';
import { lineMatcher, type LogFilter } from '../src/logs/core/logFilter';
import { WorkerRegex } from '../src/logs/core/regexWorker';
import { median, printTable } from './stats';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox is CommonJS
const { routerLine } = require('../sandbox/lib/streamServer.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { logLine } = require('../sandbox/lib/logs.js');

const FILTERS: Array<[string, LogFilter | undefined]> = [
  ['none (Clear Log Filter)', undefined],
  ['text "orders"', { kind: 'text', text: 'orders' }],
  ['errors only', { kind: 'errors' }],
  ['process type web', { kind: 'dyno', dyno: 'web' }],
  ['source router', { kind: 'source', source: 'router' }],
  ['regex status=5\\d\\d|H1\\d', { kind: 'regex', source: 'status=5\\d\\d|H1\\d', flags: '' }],
];

/** A busy app's log: 7 router lines in 10, the rest its dynos' output and the platform's. */
function mixedLines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 10 < 7) return routerLine('acme-api') as string;
    if (i % 10 < 9) return logLine('app', `web.${1 + (i % 2)}`, `GET /api/orders/${i} took ${i % 300} ms user=${i % 97}`) as string;
    return logLine('heroku', 'worker.1', i % 20 === 9 ? 'Error R14 (Memory quota exceeded)' : 'State changed from starting to up') as string;
  });
}

export async function benchLogFilter(): Promise<void> {
  // Re-render 5,000 kept lines.
  {
    const lines = mixedLines(5000);
    const rows: string[][] = [];
    for (const [name, filter] of FILTERS) {
      // As in VS Code (its default scrollback, 1,000 lines, and a 50-row screen: the re-render paints at most that many), and every line painted.
      const cells: string[] = [];
      let shown = 0;
      for (const screen of [1050, Infinity]) {
        const times: number[] = [];
        let bytes = 0;
        for (let round = 0; round < 7; round++) {
          let written = 0;
          const view = new LogView({ write: (t) => (written += t.length), notice: () => undefined, keep: 5000, screenLines: () => screen });
          for (const l of lines) view.push(l);
          written = 0;
          const start = performance.now();
          const result = await view.setFilter(filter);
          times.push(performance.now() - start);
          shown = result?.shown ?? 0;
          bytes = written;
          view.dispose();
        }
        cells.push(`${(bytes / 1e6).toFixed(2)} MB`, median(times).toFixed(1), Math.max(...times).toFixed(1));
      }
      rows.push([name, String(shown), ...cells]);
    }
    // An expression refined: the worker already runs.
    {
      const times: number[] = [];
      let shown = 0;
      for (let round = 0; round < 7; round++) {
        const view = new LogView({ write: () => undefined, notice: () => undefined, keep: 5000, screenLines: () => 1050 });
        for (const l of lines) view.push(l);
        await view.setFilter({ kind: 'regex', source: 'status=5\\d\\d', flags: '' });
        const start = performance.now();
        shown = (await view.setFilter({ kind: 'regex', source: 'status=5\\d\\d|H1\\d', flags: '' }))?.shown ?? 0;
        times.push(performance.now() - start);
        view.dispose();
      }
      rows.push(['regex refined (its worker running)', String(shown), '', median(times).toFixed(1), Math.max(...times).toFixed(1), '', '', '']);
    }
    // The worker alone: started, then the 5,000 lines matched.
    const starts: number[] = [];
    const matches: number[] = [];
    for (let round = 0; round < 7; round++) {
      const t0 = performance.now();
      const regex = new WorkerRegex();
      await regex.match('status=5\\d\\d|H1\\d', '', ['warm-up']);
      const t1 = performance.now();
      await regex.match('status=5\\d\\d|H1\\d', '', lines);
      matches.push(performance.now() - t1);
      starts.push(t1 - t0);
      regex.dispose();
    }
    rows.push(['(regex: worker start alone)', '', '', median(starts).toFixed(1), Math.max(...starts).toFixed(1), '', '', '']);
    rows.push(['(regex: 5,000 lines in a started worker)', '', '', median(matches).toFixed(1), Math.max(...matches).toFixed(1), '', '', '']);
    printTable(
      'Log filter: re-rendering 5,000 kept lines under a new filter (7 rounds; goal under 100 ms). Painted: at most 1,050 lines (VS Code\'s default scrollback and a screen), or all',
      ['filter', 'match', 'written', 'median ms', 'max ms', 'all: written', 'median ms', 'max ms'],
      rows,
    );
  }

  // Throughput on 30,000 router lines.
  {
    const lines = Array.from({ length: 30_000 }, () => routerLine('acme-api') as string);
    const rows: string[][] = [];
    for (const [name, filter] of FILTERS) {
      let matchMs = NaN;
      let matched = 0;
      if (filter?.kind === 'regex') {
        const regex = new WorkerRegex();
        await regex.match(filter.source, filter.flags, ['warm-up']);
        const start = performance.now();
        matched = (await regex.match(filter.source, filter.flags, lines)).filter(Boolean).length;
        matchMs = performance.now() - start;
        regex.dispose();
      } else if (filter) {
        const match = lineMatcher(filter);
        const start = performance.now();
        for (const l of lines) if (match(l)) matched++;
        matchMs = performance.now() - start;
      }
      let written = 0;
      const view = new LogView({ write: (t) => (written += t.length), notice: () => undefined, keep: 5000 });
      await view.setFilter(filter);
      const start = performance.now();
      for (const l of lines) {
        const waiting = view.push(l);
        if (waiting) await waiting;
      }
      // A regular expression's last batch: wait until every line went through.
      await view.setFilter(undefined);
      const viewMs = performance.now() - start;
      view.dispose();
      const perSecond = (ms: number) => (Number.isNaN(ms) ? '' : Math.round((lines.length / ms) * 1000).toLocaleString('en'));
      rows.push([name, filter ? String(matched) : String(lines.length), Number.isNaN(matchMs) ? '' : matchMs.toFixed(0), perSecond(matchMs), viewMs.toFixed(0), perSecond(viewMs), `${(written / 1e6).toFixed(1)} MB`]);
    }
    printTable('Log filter: 30,000 router lines through each filter (the view: match, colour, highlight, write; with a regex, the re-render at the end too)', ['filter', 'matched', 'match ms', 'match lines/s', 'view ms', 'view lines/s', 'written'], rows);
  }
}

if (process.argv[1]?.endsWith('logFilter.bench.ts')) {
  benchLogFilter().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
