// The config-vars page's messages and the host's schema: one sample of every Inbound
// variant, built as the page builds it, is accepted by InboundSchema as it is; the
// samples cover the schema (the mapped type makes a missing sample a compile error, and
// the run compares them with the schema's own list); mis-shaped messages are refused.
// That the page can only send an Inbound (and handles every Outbound) is checked at the
// type level by test/webview/configVarsMessages.ts (npm run typecheck).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { DraftRow } from '../../src/configVars/core/model';
import { InboundSchema, type Inbound } from '../../src/configVars/core/protocol';

const rows: DraftRow[] = [
  { id: 'r0', key: 'GREETING', value: 'hello', originalKey: 'GREETING', deleted: false },
  { id: 'r1', key: 'OLD', value: 'x', originalKey: 'OLD', deleted: true },
  { id: 'n2', key: 'NEW_KEY', value: 'a\nmultiline value', originalKey: null, deleted: false },
];

/** One of each variant, as page.ts posts it (a base version of -1: the page's state before its first init). */
const SAMPLES: { [K in Inbound['type']]: Extract<Inbound, { type: K }> } = {
  ready: { type: 'ready' },
  draftChanged: { type: 'draftChanged', draft: { rows }, baseVersion: 3 },
  save: { type: 'save', draft: { rows }, baseVersion: 3 },
  reload: { type: 'reload' },
  discardDraft: { type: 'discardDraft' },
  copyValue: { type: 'copyValue', key: 'GREETING', value: 'secret value' },
  importEnv: { type: 'importEnv', draft: { rows: [] }, baseVersion: -1 },
  exportEnv: { type: 'exportEnv', draft: { rows }, baseVersion: 0 },
};

describe('config vars page protocol', () => {
  it('has a sample of every variant the schema knows, and no other', () => {
    const known = InboundSchema.def.options.map((o) => o.def.shape.type.def.values[0]).sort();
    assert.deepEqual(Object.keys(SAMPLES).sort(), known);
  });

  for (const [type, sample] of Object.entries(SAMPLES)) {
    it(`the host's schema accepts the page's ${type} as it is`, () => {
      const parsed = InboundSchema.safeParse(sample);
      assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
      assert.deepEqual(parsed.data, sample, 'nothing dropped or changed');
    });
  }

  it('refuses a misspelt or mis-shaped message', () => {
    const bad: unknown[] = [
      { type: 'sav', draft: { rows }, baseVersion: 1 },
      { type: 'save', draft: { rows } },
      { type: 'save', draft: { rows }, baseVersion: 1.5 },
      { type: 'draftChanged', draft: rows, baseVersion: 1 },
      { type: 'exportEnv', draft: { rows: [{ ...rows[0], key: 1 }] }, baseVersion: 1 },
      { type: 'copyValue' },
      { type: 'copyValue', value: 'a value without the key it belongs to' },
      { type: 'save', draft: { rows: [{ ...rows[0], deleted: 'no' }] }, baseVersion: 1 },
    ];
    for (const m of bad) assert.equal(InboundSchema.safeParse(m).success, false, JSON.stringify(m));
  });
});
