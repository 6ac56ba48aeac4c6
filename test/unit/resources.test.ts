// The inline checks and words of resource management: hostnames, e-mails, add-on names,
// prices, what removing an add-on loses.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addonNameProblem, attachmentsText, emailProblem, hostnameProblem, lossOf, priceText } from '../../src/resources/core/rules';

describe('resource rules', () => {
  it('hostnames: plain, wildcard and IDN-free names pass; schemes, paths, herokuapp.com and junk do not', () => {
    for (const ok of ['www.example.com', '*.example.com', 'a-b.c.example.co.uk', 'api.acme.dev']) assert.equal(hostnameProblem(ok), undefined, ok);
    assert.match(hostnameProblem('https://www.example.com') ?? '', /no scheme/);
    assert.match(hostnameProblem('example.com/path') ?? '', /no scheme, no path/);
    assert.match(hostnameProblem('myapp.herokuapp.com') ?? '', /managed by Heroku/);
    for (const bad of ['', 'localhost', '-a.example.com', 'a..b.com', 'exa mple.com', `${'a'.repeat(64)}.com`]) assert.ok(hostnameProblem(bad), bad);
  });

  it('e-mails and add-on names', () => {
    assert.equal(emailProblem('riley@acme.dev'), undefined);
    assert.ok(emailProblem('riley'));
    assert.equal(addonNameProblem('my-db'), undefined);
    assert.match(addonNameProblem('1db') ?? '', /Starts with a letter/);
    assert.match(addonNameProblem('my_db') ?? '', /Letters, digits and dashes/);
  });

  it('prices and losses read as a user expects', () => {
    assert.equal(priceText({ price: { cents: 1500, unit: 'month' } }), '$15/month');
    assert.equal(priceText({ price: { cents: 1995, unit: 'month' } }), '$19.95/month');
    assert.equal(priceText({ price: { cents: 0 } }), 'free');
    assert.match(lossOf({ name: 'pg-1', addon_service: { id: 'x', name: 'heroku-postgresql' } }), /Every table and row in pg-1/);
    assert.match(lossOf({ name: 'pt', addon_service: { id: 'y', name: 'papertrail' } }), /pt and what it holds/);
    assert.equal(attachmentsText([{ name: 'DATABASE', app: { id: '1', name: 'a' } }, { name: 'DATABASE', app: { id: '2', name: 'b' } }]), 'DATABASE_URL on a and b are removed, with a release on each app.');
    assert.match(attachmentsText([]), /no config var changes/);
  });
});
