// Messages between the config-vars webview and the extension host. The host validates
// every inbound message with zod before acting on it (the webview shows untrusted data).
import { array, boolean, discriminatedUnion, int, literal, nullable, object, string, type infer as Infer } from 'zod/mini';
import type { Draft } from './model';
import type { PageText } from './pageText';

const row = object({ id: string(), key: string(), value: string(), originalKey: nullable(string()), deleted: boolean() });
const draft = object({ rows: array(row) });
/** A stored draft's rows, validated like the page's (SecretStorage content is read back through it). */
export const DraftSchema = draft;
// Every message that carries rows says which base they were made on (the `baseVersion`
// of the `init` or `saved` the page last applied): the host never diffs rows against a
// base they were not built on.
const baseVersion = int();

export const InboundSchema = discriminatedUnion('type', [
  object({ type: literal('ready') }),
  object({ type: literal('draftChanged'), draft, baseVersion }),
  object({ type: literal('save'), draft, baseVersion }),
  object({ type: literal('reload') }),
  object({ type: literal('discardDraft') }),
  /** `key`: the row's key as the page shows it (the host names it when it says the value was copied). */
  object({ type: literal('copyValue'), key: string(), value: string() }),
  object({ type: literal('importEnv'), draft, baseVersion }),
  object({ type: literal('exportEnv'), draft, baseVersion }),
]);
export type Inbound = Infer<typeof InboundSchema>;

export type Outbound =
  /** `text`: the page's words in VS Code's display language (the page has no l10n of its own). */
  | { type: 'init'; app: string; base: Record<string, string>; baseVersion: number; draft: Draft | null; notice?: string; release?: string; text: PageText }
  | { type: 'saved'; base: Record<string, string>; baseVersion: number; release?: string }
  | { type: 'saveFailed'; message: string }
  | { type: 'busy'; busy: boolean; label?: string }
  | { type: 'applyDraft'; draft: Draft; notice?: string }
  /** The outcome of a small action (a copy), for the page's status line; changes nothing else. */
  | { type: 'status'; message: string };
