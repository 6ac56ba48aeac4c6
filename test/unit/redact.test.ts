// Nothing secret reaches a log: config values, request bodies, action inputs of config
// actions, login codes, credential headers, tokens in URLs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, redactArgs, redactHeader, redactQueryParam, redactText, redactUrl } from '../../src/membrane';

describe('redaction', () => {
  it('masks the code of login complete', () => {
    assert.deepEqual(redactArgs(['login', 'complete', 'ABCD-1234']), ['login', 'complete', MASK]);
  });
  it('masks request bodies, keeping keys', () => {
    const out = redactArgs(['request', 'c1', '/apps/a/config-vars', '--method=PATCH', '--data={"DATABASE_URL":"postgres://u:p@h/db","OLD":null}', '--json']);
    assert.equal(out[4], `--data={"DATABASE_URL":"${MASK}","OLD":null}`);
    assert.ok(!out.join(' ').includes('postgres://'));
    assert.deepEqual(redactArgs(['request', 'c', '/x', '-d', '{"a":"s3cret"}']).slice(3), ['-d', `{"a":"${MASK}"}`]);
    assert.deepEqual(redactArgs(['request', 'c', '/x', '-d', 'not json s3cret']).slice(4), [MASK]);
  });
  it('keeps identifying action inputs but masks every value of a config action', () => {
    assert.equal(redactArgs(['action', 'run', 'get-app', '--input={"appIdOrName":"acme","token":"t0k"}'])[3], `--input={"appIdOrName":"acme","token":"${MASK}"}`);
    assert.equal(redactArgs(['action', 'run', 'update-config-vars', '--input={"appIdOrName":"acme","vars":{"K":"v"}}'])[3], `--input={"appIdOrName":"${MASK}","vars":{"K":"${MASK}"}}`);
  });
  it('masks credential headers only', () => {
    assert.equal(redactHeader('Authorization: Bearer abc'), `Authorization: ${MASK}`);
    assert.equal(redactHeader('Range: id ..; max=200'), 'Range: id ..; max=200');
    assert.deepEqual(redactArgs(['request', 'c', '/x', '--header=Cookie: a=b', '-H', 'Heroku-Two-Factor-Code: 123456']).slice(3), [`--header=Cookie: ${MASK}`, '-H', `Heroku-Two-Factor-Code: ${MASK}`]);
  });
  it('masks tokens in URLs and JWTs in text', () => {
    const u = 'https://ui.getmembrane.com/embed/connections/1/refresh?token=eyJhbGciOiJIUzI1NiJ9.e30.sig&x=1';
    assert.equal(redactUrl(u), `https://ui.getmembrane.com/embed/connections/1/refresh?token=${MASK}&x=1`);
    assert.ok(!redactText(`open ${u} now`).includes('eyJ'));
    assert.ok(!redactText('postgres://user:hunter2@db.example.com/x').includes('hunter2'));
    assert.ok(!redactText('bearer eyJabcdefgh.eyJpayload.signature').includes('eyJpayload'));
    assert.ok(!redactUrl('https://console.getmembrane.com/cli-auth?code_challenge=abc&state=def').match(/abc|def/));
  });
  it('masks every config var value in a logged body, keys kept', () => {
    const logged = redactText(`PATCH body ${JSON.stringify({ DATABASE_URL: 'postgres://u:hunter2@db/x', GREETING: 'two words' })}`);
    assert.ok(!/hunter2|two words/.test(logged), logged);
    assert.match(logged, /DATABASE_URL/);
    assert.ok(logged.includes(MASK));
  });

  it('masks --query values unless they only shape a list', () => {
    assert.deepEqual(redactArgs(['request', 'c', '/x', '--query=token=abc123', '--query=filter=hunter2', '--query=limit=10']).slice(3), [
      `--query=token=${MASK}`,
      `--query=filter=${MASK}`,
      '--query=limit=10',
    ]);
    assert.equal(redactQueryParam('novalue'), MASK);
  });
  it('masks every header value not on the allowlist (X-Foo-Token included)', () => {
    assert.equal(redactHeader('X-Foo-Token: s3cr3t'), `X-Foo-Token: ${MASK}`);
    assert.equal(redactHeader('X-Anything: s3cr3t'), `X-Anything: ${MASK}`);
    assert.equal(redactHeader('Accept: application/vnd.heroku+json; version=3'), 'Accept: application/vnd.heroku+json; version=3');
    assert.deepEqual(redactArgs(['request', 'c', '/x', '--header=X-Foo-Token: s3cr3t']).slice(3), [`--header=X-Foo-Token: ${MASK}`]);
  });
  it('keeps identifying keys only at the top level of an input', () => {
    const out = redactArgs(['action', 'run', 'set-things', '--input={"app":"acme","vars":{"NAME":"hunter2","id":"x"}}'])[3] ?? '';
    assert.ok(!out.includes('hunter2'), out);
    assert.equal(out, `--input={"app":"acme","vars":{"NAME":"${MASK}","id":"${MASK}"}}`);
  });
  it('act --api: method and path kept; body, secret query values and headers masked', () => {
    const api = JSON.stringify({ method: 'PATCH', path: '/apps/acme/config-vars', body: { NAME: 'hunter2' }, headers: { 'X-Foo-Token': 't0k', Accept: 'application/json' }, query: { q: 'secret', limit: '5' } });
    const out = redactArgs(['act', '--connectionId=c', `--api=${api}`, '--json'])[2] ?? '';
    assert.ok(!/hunter2|t0k|secret/.test(out), out);
    assert.match(out, /"method":"PATCH","path":"\/apps\/acme\/config-vars"/);
    assert.match(out, /"limit":"5"/);
    assert.match(out, /"Accept":"application\/json"/);
  });
  it('masks JSON payloads inside free text, whole or truncated', () => {
    const line = 'Command failed: membrane request c /apps/a/config-vars --data={"SECRET":"hunter2","N":1} --json';
    const masked = redactText(line);
    assert.ok(!masked.includes('hunter2'), masked);
    assert.match(masked, /"SECRET":"«redacted»","N":1/);
    assert.ok(!redactText('output: {"DATABASE_URL": "postgres://u:p@h/db", "API_KEY": "abc').includes('abc'));
    assert.ok(!redactText('[{"value":"s3cret"}]').includes('s3cret'));
    assert.equal(redactText('no json here {not json} [x'), 'no json here {not json} [x');
  });
});

describe('rendezvous addresses', () => {
  it('keep the host and port, mask the secret', () => {
    assert.equal(redactText('attach_url: rendezvous://rendezvous.runtime.heroku.com:5000/0123abcdsecret'), 'attach_url: rendezvous://rendezvous.runtime.heroku.com:5000/«redacted»');
  });
});

describe('S3 pre-signed URLs', () => {
  const v4 = 'https://bucket.s3.amazonaws.com/sources/abc.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLEKEY%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLETOKEN&X-Amz-SignedHeaders=host&X-Amz-Signature=0123456789abcdef0123456789abcdef';
  const v2 = 'https://s3.amazonaws.com/bucket/abc.tgz?AWSAccessKeyId=AKIAEXAMPLEV2&Expires=1700000000&Signature=v2SignatureEXAMPLE%3D';
  const secrets = /AKIAEXAMPLEKEY|FwoGZXIvYXdzEXAMPLETOKEN|0123456789abcdef0123456789abcdef|AKIAEXAMPLEV2|v2SignatureEXAMPLE/;

  it('mask the signature, the credential and the session token, in a URL and in any text', () => {
    for (const text of [redactUrl(v4), redactUrl(v2), redactText(`PUT ${v4} failed`), redactText(`GET ${v2}`)]) assert.doesNotMatch(text, secrets, text);
    assert.match(redactUrl(v4), /X-Amz-Expires=3600/);
    assert.match(redactUrl(v4), new RegExp(`X-Amz-Signature=${MASK}`));
  });

  it('mask them where the URL is not whole: cut JSON with escaped slashes, a query alone, no scheme', () => {
    const escaped = v4.replace(/\//g, '\\/');
    for (const t of [`{"put_url":"${escaped}`, `"url": "${escaped}"`, v4.slice(v4.indexOf('?')), `put_url=${v2.replace('https://', '')}`]) {
      const out = redactText(t);
      assert.doesNotMatch(out, secrets, out);
    }
    assert.doesNotMatch(redactArgs(['request', 'c', '/x', '--query=X-Amz-Signature=0123456789abcdef0123456789abcdef']).join(' '), secrets);
    assert.doesNotMatch(redactHeader('X-Amz-Security-Token: FwoGZXIvYXdzEXAMPLETOKEN'), secrets);
  });

  it("mask what S3's signature error echoes", () => {
    const body = '<Error><Code>SignatureDoesNotMatch</Code><AWSAccessKeyId>AKIAEXAMPLEKEY</AWSAccessKeyId><SignatureProvided>0123456789abcdef0123456789abcdef</SignatureProvided><CanonicalRequest>PUT\n/x\nX-Amz-Security-Token=FwoGZXIvYXdzEXAMPLETOKEN\n</CanonicalRequest></Error>';
    const out = redactText(body);
    assert.doesNotMatch(out, secrets, out);
    assert.match(out, /<Code>SignatureDoesNotMatch<\/Code>/);
  });
});
