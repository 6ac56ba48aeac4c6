// Messages between the config-vars webview and the extension host. The host validates
// every inbound message with zod before acting on it (the webview shows untrusted data).
import { array, boolean, discriminatedUnion, literal, nullable, object, string, type infer as Infer } from 'zod/mini';
import type { Draft } from './model';

const row = object({ id: string(), key: string(), value: string(), originalKey: nullable(string()), deleted: boolean() });
const draft = object({ rows: array(row) });

export const InboundSchema = discriminatedUnion('type', [
  object({ type: literal('ready') }),
  object({ type: literal('draftChanged'), draft }),
  object({ type: literal('save'), draft }),
  object({ type: literal('reload') }),
  object({ type: literal('discardDraft') }),
  object({ type: literal('copyValue'), value: string() }),
  object({ type: literal('importEnv'), draft }),
  object({ type: literal('exportEnv'), draft }),
]);
export type Inbound = Infer<typeof InboundSchema>;

export type Outbound =
  | { type: 'init'; app: string; base: Record<string, string>; draft: Draft | null; notice?: string; release?: string }
  | { type: 'saved'; base: Record<string, string>; release?: string }
  | { type: 'saveFailed'; message: string }
  | { type: 'busy'; busy: boolean; label?: string }
  | { type: 'applyDraft'; draft: Draft; notice?: string };
