// Log lines coloured as the Heroku CLI does, and never able to drive the terminal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { colorLine, dynoColor, noticeLine, paintLine, withoutControls } from '../../src/logs/core/logColors';
import { processTypeOf } from '../../src/logs/core/logLine';
import { describeTarget, logSessionBody } from '../../src/logs/core/logTarget';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';
const CYAN = '\x1b[36m';
const MAGENTA = '\x1b[35m';
const BOLD_RED = '\x1b[1;31m';
const ITALIC = '\x1b[3m';
// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[([0-9;]*)m/g;
const T = '2026-11-29T10:00:00.000001+00:00';
const router = (body: string) => colorLine(`${T} heroku[router]: ${body}`);
/** The text right after a key's `=` is coloured `color` (the value starts with it). */
const valueIn = (line: string, key: string, color: string) => line.includes(`${key}=${'\x1b[0m'}${color}`);

describe('log colours', () => {
  it('one colour per process type; router and api their own', () => {
    assert.equal(dynoColor('web.1'), dynoColor('web.2'));
    assert.notEqual(dynoColor('router'), dynoColor('web.1'));
    assert.equal(dynoColor('api'), GREEN);
  });

  it('router lines: keys italic (distinct, never dim), method magenta, path green, status by class, at=error and code= red', () => {
    const ok = router('at=info method=GET path="/api/orders" host=acme-api.herokuapp.com dyno=web.1 connect=0ms service=12ms status=200 bytes=5 protocol=https');
    assert.ok(ok.includes(`${ITALIC}method=`) && ok.includes(`${ITALIC}bytes=`), ok);
    assert.ok(valueIn(ok, 'method', MAGENTA) && valueIn(ok, 'path', GREEN) && valueIn(ok, 'status', GREEN), ok);
    assert.ok(ok.includes(`${ITALIC}host=\x1b[0macme-api.herokuapp.com`), 'other values plain');
    assert.ok(valueIn(router('at=info status=304'), 'status', CYAN));
    assert.ok(valueIn(router('at=info status=404'), 'status', YELLOW));
    assert.ok(valueIn(router('at=info status=503'), 'status', RED));
    assert.ok(router('at=info status=600').endsWith(`${ITALIC}status=\x1b[0m600`), 'no class: plain');
    const err = router('at=error code=H12 desc="Request timeout" method=GET path="/" status=503');
    assert.ok(valueIn(err, 'at', RED) && valueIn(err, 'code', BOLD_RED) && valueIn(err, 'desc', RED), err);
    assert.ok(valueIn(router('at=info method=GET'), 'at', '') && !router('at=info method=GET').includes(RED), 'at=info plain');
  });

  it('router connect= and service= by 100 / 500 / 5,000 ms: green, cyan, yellow, red', () => {
    for (const [ms, color] of [[0, GREEN], [99, GREEN], [100, CYAN], [499, CYAN], [500, YELLOW], [4999, YELLOW], [5000, RED], [30000, RED]] as const) {
      assert.ok(valueIn(router(`connect=${ms}ms service=${ms}ms status=200`), 'connect', color), `connect=${ms}`);
      assert.ok(valueIn(router(`connect=1ms service=${ms}ms status=200`), 'service', color), `service=${ms}`);
    }
    assert.ok(router('service=abcms status=200').includes(`${ITALIC}service=\x1b[0mabcms`), 'not a number: plain');
  });

  it("router dyno= in that dyno's colour, a Fir dyno's by its process type", () => {
    const style = (escape: string) => escape.slice(2, -1);
    assert.ok(valueIn(router('dyno=web.1 status=200'), 'dyno', `\x1b[${style(dynoColor('web.1'))}m`));
    assert.ok(valueIn(router('dyno=worker.2 status=200'), 'dyno', `\x1b[${style(dynoColor('worker'))}m`));
    assert.ok(valueIn(router('dyno=web-848cd4f64d-pvpr2 status=200'), 'dyno', `\x1b[${style(dynoColor('web.1'))}m`));
  });

  it('Fir dyno names (web-848cd4f64d-pvpr2) are coloured by their process type, the same every time', () => {
    assert.equal(processTypeOf('web-848cd4f64d-pvpr2'), 'web');
    assert.equal(processTypeOf('web.1'), 'web');
    assert.equal(processTypeOf('my-worker.12'), 'my-worker');
    assert.equal(processTypeOf('data-sync-5f7b9c6d8-x2k9q'), 'data-sync');
    assert.equal(processTypeOf('router'), 'router');
    assert.equal(dynoColor('web-848cd4f64d-pvpr2'), dynoColor('web.3'));
    assert.equal(dynoColor('worker-6d4cf56db6-zp8rt'), dynoColor('worker.1'));
    const fir = colorLine(`${T} app[web-848cd4f64d-pvpr2]: Listening on 5000`);
    assert.ok(fir.includes(`${dynoColor('web.1')}app[web-848cd4f64d-pvpr2]:`), fir);
  });

  it('api lines: Build succeeded green, Build failed red, the commit cyan, vN magenta, the user green', () => {
    const api = (body: string) => colorLine(`${T} app[api]: ${body}`);
    assert.ok(api('Build succeeded').includes(`${GREEN}Build succeeded`));
    assert.ok(api('Build failed -- check your build output: https://dashboard.heroku.com/apps/x/activity').includes(`${RED}Build failed`));
    const deploy = api('Deploy 4f2a9c1 by user alex@example.com');
    assert.ok(deploy.includes(`${CYAN}4f2a9c1`) && deploy.includes(`${GREEN}alex@example.com`), deploy);
    const release = api('Release v42 created by user alex@example.com');
    assert.ok(release.includes(`${MAGENTA}v42`) && release.includes(`${GREEN}alex@example.com`), release);
    assert.ok(api('Build started by user alex@example.com').includes(`${GREEN}alex@example.com`));
    // The sandbox writes heroku[api]: coloured the same.
    assert.ok(colorLine(`${T} heroku[api]: Release v7 created by user a@b.c`).includes(`${MAGENTA}v7`));
  });

  it('the text is never changed: without its escapes, a coloured line is the line (so highlights line up)', () => {
    for (const line of [
      `${T} heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/a b" dyno=web.1 connect=0ms service=30000ms status=503 bytes=0`,
      `${T} heroku[router]:at=info  status=200   `,
      `${T} app[web.1]: State changed from up to crashed`,
      `${T} app[api]: Deploy 4f2a9c1 by user alex@example.com`,
      `${T} heroku[router]: path="unclosed status=500 a="b" c="`,
      'not a log line at all',
      '',
    ]) assert.equal(colorLine(line).replace(SGR, ''), line);
  });

  it('every colour is one of the theme\'s 16 (a fixed RGB cannot be 4.5:1 on both dark and light), and nothing is dim', () => {
    const lines = [
      `${T} heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" dyno=web.1 connect=0ms service=30000ms status=503 bytes=0`,
      `${T} heroku[router]: at=info method=POST path="/" dyno=web-848cd4f64d-pvpr2 connect=120ms service=700ms status=302 bytes=0`,
      `${T} app[api]: Release v42 created by user alex@example.com`,
      `${T} heroku[web.1]: State changed from starting to up`,
      `${T} heroku[web.1]: Starting process with command \`npm start\``,
      `${T} heroku[worker.1]: Process exited with status 0`,
      ...['web.1', 'worker.1', 'clock.1', 'run.1234', 'scheduler.9', 'release.1', 'postgres.7'].map((d) => `${T} app[${d}]: hi`),
    ];
    const allowed = new Set(['0', '1', '3', '7', '31', '32', '33', '34', '35', '36', '91', '92', '93', '94', '95', '96']);
    for (const line of lines) for (const [, params] of paintLine(line, [[0, 5]]).matchAll(SGR)) for (const p of params!.split(';')) assert.ok(allowed.has(p), `SGR ${p} in ${JSON.stringify(colorLine(line))}`);
  });

  it('state changes highlighted: crashed red, up green; L11 overflow red', () => {
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[web.1]: State changed from up to crashed').includes(`${BOLD_RED}State changed from up to crashed`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[web.1]: State changed from starting to up').includes(`\x1b[1;32mState changed`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[logplex]: Error L11 (Tail buffer overflow)').includes(`${RED}Error L11`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)').includes(`${RED}Error R14`));
    assert.ok(!colorLine('2026-11-29T10:00:00.000001+00:00 app[web.1]: Errors are fine here').includes(RED));
  });

  it('a highlight is inverse video over the matched text, kept across the colours it crosses', () => {
    const line = `${T} heroku[router]: at=error code=H12 status=503`;
    const start = line.indexOf('H12');
    const out = paintLine(line, [[start - 5, start + 3]]);
    // `code=H12`: the key italic and inverse, then the value bold red and inverse.
    assert.ok(out.includes('\x1b[3;7mcode=\x1b[0m\x1b[1;31;7mH12\x1b[0m'), JSON.stringify(out));
    assert.equal(out.replace(SGR, ''), line);
    assert.equal(paintLine('plain text', [[0, 5], [3, 7]]), '\x1b[7mplain t\x1b[0mext', 'overlapping ranges merge');
    assert.equal(paintLine('abc', [[1, 1]]), 'abc', 'an empty match highlights nothing');
    assert.equal(paintLine('x😀y', [[1, 2]]), 'x\x1b[7m😀\x1b[0my', 'half an emoji (a match without the u flag) highlights all of it');
    assert.equal(paintLine('x😀y', [[2, 4]]), 'x\x1b[7m😀y\x1b[0m');
    assert.equal(paintLine('abc', [[-5, 1], [2, 99]]), '\x1b[7ma\x1b[0mb\x1b[7mc\x1b[0m', 'clipped to the text');
  });

  it('a hostile line cannot move the cursor, clear the screen or set the title', () => {
    const hostile = '2026-11-29T10:00:00.000001+00:00 app[web.1]: \x1b[2J\x1b]0;pwned\x07done\r\x9b31m';
    const out = colorLine(hostile);
    assert.ok(!out.includes('\x1b[2J') && !out.includes('\x1b]0;') && !out.includes('\x07') && !out.includes('\r') && !out.includes('\x9b'), JSON.stringify(out));
    assert.equal(withoutControls('a\tb\x00c'), 'a\tbc');
    assert.ok(noticeLine('reconnecting\x1b[2J').includes('reconnecting[2J'));
    assert.ok(!noticeLine('paused').includes('\x1b[2m'), 'a notice is never dim: dim text falls below 4.5:1');
    assert.ok(!colorLine('2026-11-29T10:00:00.000001+00:00 app[web.1]: hi').includes('\x1b[2m'), 'nor a timestamp');
  });
});

describe('log targets', () => {
  it('the session body carries the filters; the description says what is shown', () => {
    assert.deepEqual(logSessionBody({ app: 'a', lines: 100 }), { tail: true, lines: 100 });
    assert.deepEqual(logSessionBody({ app: 'a', dyno: 'router', source: 'heroku', lines: 0 }), { tail: true, lines: 0, dyno: 'router', source: 'heroku' });
    assert.equal(describeTarget({ app: 'acme-api', dyno: 'web.1', lines: 100 }), 'all logs of web.1 of acme-api, the last 100 lines then live');
    assert.equal(describeTarget({ app: 'acme-api', dyno: 'router', source: 'heroku', lines: 1 }), 'router lines of acme-api, the last 1 line then live');
  });

  it('a Fir app: a process type goes as `type`, a dyno as `dyno`; no lines, no tail (Fir always tails)', () => {
    assert.deepEqual(logSessionBody({ app: 'a', lines: 100, fir: true }), {});
    assert.deepEqual(logSessionBody({ app: 'a', dyno: 'web', source: 'app', lines: 100, fir: true }), { type: 'web', source: 'app' });
    assert.deepEqual(logSessionBody({ app: 'a', dyno: 'web.1', lines: 100, fir: true }), { dyno: 'web.1' });
    assert.match(describeTarget({ app: 'a', lines: 100, fir: true }), /live \(a Fir app: no history\)/);
  });
});

describe('build output colours', () => {
  it('steps bold, failures red, success green; controls removed', async () => {
    const { colorBuildLine } = await import('../../src/logs/core/logColors');
    assert.ok(colorBuildLine('-----> Installing dependencies').startsWith('\x1b[1m'));
    assert.ok(colorBuildLine(' !     Push rejected, failed to compile Node.js app.').startsWith(RED));
    assert.ok(colorBuildLine('-----> Build succeeded!').startsWith(GREEN));
    assert.equal(colorBuildLine('plain\x1b[2J'), 'plain[2J');
  });
});
