// The recent one-off dyno commands: one list per connection (the list all accounts once
// shared is dropped), and a command that carries a value is never written down.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RecentCommands, carriesSecret, clearRecentCommands, type CommandMemory } from '../../src/dynos/core/recentCommands';

function memory(initial: Record<string, unknown> = {}): CommandMemory & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: <T>(k: string) => data.get(k) as T | undefined,
    update: (k: string, v: unknown) => void (v === undefined ? data.delete(k) : data.set(k, v)),
    keys: () => [...data.keys()],
  };
}

describe('recent one-off dyno commands', () => {
  it('are kept per connection, most recent first, ten at most; the shared list of old is dropped, not moved; Clear empties every list', async () => {
    const m = memory({ 'run.recentCommands': ['rails db:migrate', 'DATABASE_URL=postgres://u:p@h/d rake x'], 'other.key': 1 });
    const first = await RecentCommands.open(m, 'conn-a');
    const second = await RecentCommands.open(m, 'conn-b');
    assert.deepEqual(first.list(), []);
    await first.remember('bash');
    await first.remember('rails console');
    await first.remember('bash');
    await second.remember('python manage.py shell');
    assert.deepEqual(first.list(), ['bash', 'rails console']);
    assert.deepEqual(second.list(), ['python manage.py shell']);
    assert.equal(m.data.has('run.recentCommands'), false, 'the shared list is gone');
    for (let i = 0; i < 12; i++) await first.remember(`echo ${i}`);
    assert.deepEqual(first.list().slice(0, 2), ['echo 11', 'echo 10']);
    assert.equal(first.list().length, 10);
    await clearRecentCommands(m);
    assert.deepEqual([...m.data.keys()], ['other.key']);
  });

  it('a command that carries a value is never stored (finding 7): inline NAME=value, credentials in a URL, password and token flags, what the log redaction masks, long token-like words', async () => {
    const secret = [
      'DATABASE_URL=postgres://admin:hunter2@db.example.com/app rake db:migrate',
      'env STRIPE_KEY=sk_live_abc rails runner x.rb',
      'rake db:migrate && API_TOKEN=abc123 rake seed',
      'psql postgres://admin:hunter2@db.example.com:5432/app',
      'git clone https://x-access-token@github.com/acme/private.git',
      'mysql --password=hunter2 app',
      'mysql --password hunter2 app',
      'deploy-tool --api-key 123',
      'curl -H "Authorization: Bearer abc" https://api.example.com',
      'curl https://api.example.com/hook?token=abc',
      'node notify.js eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      'bin/import --with 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b',
    ];
    const plain = ['bash', 'rails console', 'rails db:migrate', 'python manage.py shell', 'rake "db:seed[1]"', 'node scripts/report.js --format=json', 'ls -la /app', 'echo hello && exit 3'];
    for (const c of secret) assert.equal(carriesSecret(c), true, c);
    for (const c of plain) assert.equal(carriesSecret(c), false, c);
    const m = memory();
    const recent = await RecentCommands.open(m, 'conn-a');
    for (const c of [...secret, ...plain]) await recent.remember(c);
    assert.deepEqual(recent.list(), [...plain].reverse());
    assert.ok(!JSON.stringify([...m.data.values()]).includes('hunter2'));
  });
});
