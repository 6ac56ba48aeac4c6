// Log lines coloured as the Heroku CLI does, and never able to drive the terminal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { colorLine, dynoColor, noticeLine, withoutControls } from '../../src/logs/core/logColors';
import { describeTarget, logSessionBody } from '../../src/logs/core/logTarget';

const RED = '\x1b[31m';
const GREEN = '\x1b[32m';
const YELLOW = '\x1b[33m';

describe('log colours', () => {
  it('one colour per process type; router and api their own', () => {
    assert.equal(dynoColor('web.1'), dynoColor('web.2'));
    assert.notEqual(dynoColor('router'), dynoColor('web.1'));
    assert.equal(dynoColor('api'), GREEN);
  });

  it('router lines by status class and slow service times; at=error in red', () => {
    const ok = colorLine('2026-11-29T10:00:00.000001+00:00 heroku[router]: at=info method=GET path="/" service=12ms status=200 bytes=5');
    assert.ok(ok.includes(`${GREEN}status=200`), ok);
    const slow = colorLine('2026-11-29T10:00:00.000001+00:00 heroku[router]: at=info method=GET path="/" service=1500ms status=404 bytes=5');
    assert.ok(slow.includes(`${YELLOW}status=404`) && slow.includes(`${YELLOW}service=1500ms`), slow);
    const err = colorLine('2026-11-29T10:00:00.000001+00:00 heroku[router]: at=error code=H12 desc="Request timeout" status=503');
    assert.ok(err.includes(`${RED}at=error`), err);
  });

  it('state changes highlighted: crashed red, up green; L11 overflow red', () => {
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[web.1]: State changed from up to crashed').includes(`${RED}State changed from up to crashed`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[web.1]: State changed from starting to up').includes(`${GREEN}State changed`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[logplex]: Error L11 (Tail buffer overflow)').includes(`${RED}Error L11`));
    assert.ok(colorLine('2026-11-29T10:00:00.000001+00:00 heroku[worker.1]: Error R14 (Memory quota exceeded)').includes(`${RED}Error R14`));
    assert.ok(!colorLine('2026-11-29T10:00:00.000001+00:00 app[web.1]: Errors are fine here').includes(RED));
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
