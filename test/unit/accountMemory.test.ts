// Lists remembered per account: one account's recent requests are never offered in
// another (where `DELETE /apps/acme-api` would hit a different app of the same name).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { accountList, storeAccountList } from '../../src/accounts/accountMemory';
import type { Account } from '../../src/accounts/accounts';

function memory(initial: Record<string, unknown> = {}) {
  const m = new Map(Object.entries(initial));
  return { map: m, get: <T>(k: string) => m.get(k) as T | undefined, update: (k: string, v: unknown) => void (v === undefined ? m.delete(k) : m.set(k, v)) };
}
const account = (connectionId: string, first: boolean) => ({ status: { connectionId, kind: 'ready' }, first }) as unknown as Account;
const ACCOUNTS = [account('first', true), account('side', false)];
const OLD = [{ method: 'DELETE', path: '/apps/acme-api', query: {} }];

describe('lists remembered per account', () => {
  it('the list kept before there were several accounts is offered in the first connection only', () => {
    const m = memory({ 'heroku.requestHistory': OLD });
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'first', ACCOUNTS), OLD);
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'side', ACCOUNTS), [], 'never in another account');
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'unknown', ACCOUNTS), []);
  });

  it("each account's list is its own; the first one's write retires the shared list", async () => {
    const m = memory({ 'heroku.requestHistory': OLD });
    await storeAccountList(m, 'heroku.requestHistory', 'side', ACCOUNTS, [{ method: 'GET', path: '/account' }]);
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'side', ACCOUNTS), [{ method: 'GET', path: '/account' }]);
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'first', ACCOUNTS), OLD, "the side account's write leaves the first one's inheritance");
    await storeAccountList(m, 'heroku.requestHistory', 'first', ACCOUNTS, [...OLD, { method: 'GET', path: '/apps' }]);
    assert.equal(m.map.has('heroku.requestHistory'), false, 'the shared list is gone');
    assert.equal(accountList<unknown>(m, 'heroku.requestHistory', 'first', ACCOUNTS).length, 2);
  });

  it('garbage in memory reads as an empty list', () => {
    const m = memory({ 'heroku.requestHistory': 'nope', 'heroku.requestHistory:side': { a: 1 } });
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'first', ACCOUNTS), []);
    assert.deepEqual(accountList(m, 'heroku.requestHistory', 'side', ACCOUNTS), []);
  });
});
