// Type-level tests of the config-vars page's messages, checked by `npm run typecheck`
// (tsconfig.webview.json: the page is browser code, so the Node tsconfig leaves this
// folder out). Nothing here runs. Each `@ts-expect-error` must meet an error: were the
// page's post or receive widened again (to `unknown`), the directive would be unused and
// the typecheck would fail, as would the two equalities.
import type { DraftRow } from '../../src/configVars/core/model';
import type { Inbound, Outbound } from '../../src/configVars/core/protocol';
import type { post, receive } from '../../src/configVars/webview/page';

/** True only when A and B are the same type (not merely assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The page sends exactly what the host's schema is the type of, and handles exactly what the host sends.
export const _sendsInbound: Equal<Parameters<typeof post>[0], Inbound> = true;
export const _receivesOutbound: Equal<Parameters<typeof receive>[0], Outbound> = true;

declare const send: typeof post;
declare const rows: DraftRow[];

// Every message the page sends, as it builds them, compiles.
send({ type: 'ready' });
send({ type: 'draftChanged', draft: { rows }, baseVersion: 1 });
send({ type: 'save', draft: { rows }, baseVersion: 1 });
send({ type: 'reload' });
send({ type: 'discardDraft' });
send({ type: 'copyValue', key: 'K', value: 'x' });
send({ type: 'importEnv', draft: { rows }, baseVersion: 1 });
send({ type: 'exportEnv', draft: { rows }, baseVersion: 1 });

// A misspelt or mis-shaped message does not.
// @ts-expect-error a misspelt type
send({ type: 'sav', draft: { rows }, baseVersion: 1 });
// @ts-expect-error a save without the base its rows were made on
send({ type: 'save', draft: { rows } });
// @ts-expect-error the rows without their draft
send({ type: 'draftChanged', draft: rows, baseVersion: 1 });
// @ts-expect-error a row's key as a number
send({ type: 'exportEnv', draft: { rows: [{ id: 'a', key: 1, value: '', originalKey: null, deleted: false }] }, baseVersion: 1 });
// @ts-expect-error a copy without its value
send({ type: 'copyValue', key: 'K' });
// @ts-expect-error a copy without its key
send({ type: 'copyValue', value: 'x' });

declare const receiveOne: typeof receive;
// @ts-expect-error the host sends no such message
receiveOne({ type: 'saveFiled', message: 'x' });
// @ts-expect-error a `saved` without its base version
receiveOne({ type: 'saved', base: {} });
