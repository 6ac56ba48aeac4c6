// Nothing secret reaches a log: config values, request bodies, action inputs of config
// actions, login codes, credential headers, tokens in URLs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, redactArgs, redactConfigVars, redactHeader, redactText, redactUrl } from '../../src/membrane';

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
  it('masks every config var value', () => {
    assert.deepEqual(redactConfigVars({ A: '1', B: 'two' }), { A: MASK, B: MASK });
  });
});
