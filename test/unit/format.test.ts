// The explorer's pure presentation helpers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as A from '../../src/apps/core/format';
import * as D from '../../src/dynos/core/format';
import * as R from '../../src/releases/core/format';
import * as X from '../../src/resources/core/format';
import * as T from '../../src/shared/core/text';

/** The presentation helpers of every feature, under one name for these checks. */
const F = { ...A, ...D, ...R, ...X, ...T };

describe('tree presentation helpers', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  it('says how long ago', () => {
    assert.equal(F.timeAgo('2026-11-28T11:59:30Z', now), 'just now');
    assert.equal(F.timeAgo('2026-11-28T11:15:00Z', now), '45m ago');
    assert.equal(F.timeAgo('2026-11-27T10:00:00Z', now), '1d ago');
    assert.equal(F.timeAgo('2025-10-01T00:00:00Z', now), '1y ago');
    assert.equal(F.timeAgo(null, now), '');
    assert.equal(F.timeAgo('not a date', now), '');
  });
  it('marks dyno, build and release states', () => {
    assert.equal(F.dynoIcon('crashed').icon, 'error');
    assert.equal(F.dynoIcon('starting').icon, 'loading~spin');
    assert.equal(F.dynoIcon('idle').icon, 'circle-outline');
    assert.equal(F.buildIcon('failed').icon, 'x');
    assert.equal(F.releaseIcon({ status: 'succeeded', current: true }).icon, 'star-full');
    assert.equal(F.releaseIcon({ status: 'pending', current: false }).icon, 'clock');
    assert.equal(F.stateSummary(['up', 'crashed', 'up']), '2 up · 1 crashed');
  });
  it('describes releases and domains', () => {
    const r = { id: 'x', version: 3, description: 'Deploy abc', status: 'failed', current: false, user: { email: 'a@b.c' }, created_at: '2026-11-28T10:00:00Z' };
    assert.equal(F.releaseDescription(r, now), 'failed · Deploy abc · a@b.c · 2h ago');
    assert.equal(F.domainDescription({ id: 'd', hostname: 'x.dev', kind: 'custom', status: 'pending', acm_status: 'pending', acm_status_reason: 'DNS record not found' }), 'custom · pending · ACM pending (DNS record not found)');
  });
  it("validates names by Heroku's rule", () => {
    assert.equal(F.appNameProblem('my-app'), undefined);
    assert.match(F.appNameProblem('My-App') ?? '', /lowercase letter/);
    assert.match(F.appNameProblem('ab') ?? '', /3 and 30/);
    assert.match(F.appNameProblem('my_app') ?? '', /Only lowercase/);
    assert.match(F.appNameProblem('my-app-') ?? '', /End with/);
  });
  it('finds the Heroku app of git remotes', () => {
    assert.equal(F.herokuAppOfRemote('https://git.heroku.com/acme-web.git'), 'acme-web');
    assert.equal(F.herokuAppOfRemote('git@heroku.com:acme-web.git'), 'acme-web');
    assert.equal(F.herokuAppOfRemote('ssh://git@heroku.com/acme-web.git'), 'acme-web');
    assert.equal(F.herokuAppOfRemote('https://evil.example/git.heroku.com/acme-web.git'), undefined);
    assert.equal(F.herokuAppOfRemote('https://github.com/acme/web.git'), undefined);
    const config = '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/web.git\n[remote "heroku"]\n\turl = https://git.heroku.com/acme-web.git\n[remote "staging"]\n\turl = git@heroku.com:acme-web-staging.git\n';
    assert.deepEqual(F.herokuAppsOfGitConfig(config), ['acme-web', 'acme-web-staging']);
  });
});

describe('git remotes of a Heroku app', () => {
  it('names each remote that points at a Heroku app, by section', () => {
    const { herokuRemotesOfGitConfig } = A;
    const text = '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/api.git\n[remote "heroku"]\n\turl = https://git.heroku.com/acme-api.git\n\tfetch = +refs/heads/*:refs/remotes/heroku/*\n[remote "staging"]\n\turl = git@heroku.com:acme-api-staging.git\n[branch "main"]\n\turl = https://git.heroku.com/not-a-remote.git\n';
    assert.deepEqual(herokuRemotesOfGitConfig(text), [
      { remote: 'heroku', app: 'acme-api' },
      { remote: 'staging', app: 'acme-api-staging' },
    ]);
  });
});
