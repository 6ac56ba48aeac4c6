// zod schemas for what the Membrane CLI prints. Only the fields we use are declared,
// and every object is loose: a new CLI field must never break the extension
// (docs/ARCHITECTURE.md, "What is not known about the CLI"). zod/mini with named imports keeps zod at ~20 KB of
// the activation bundle (the classic `z` namespace pulls in every locale: ~440 KB).

import { _default, array, boolean, lazy, looseObject, optional, record, string, union, unknown, type infer as Infer, type ZodMiniType } from 'zod/mini';
import * as l10n from '@vscode/l10n';

export const CONNECTION_STATES = [
  'BUILDING',
  'CLIENT_ACTION_REQUIRED',
  'CONFIGURATION_ERROR',
  'SETUP_FAILED',
  'READY',
  'DISCONNECTING',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const ErrorDataSchema = looseObject({
  type: optional(string()),
  key: optional(string()),
  message: string(),
});
export type ErrorData = Infer<typeof ErrorDataSchema>;

export const ClientActionSchema = looseObject({
  type: string(),
  description: _default(string(), ''),
  uiUrl: optional(string()),
  agentInstructions: optional(string()),
});
export type ClientAction = Infer<typeof ClientActionSchema>;

const nonEmptyId = string().check((ctx) => {
  if (ctx.value.length === 0) ctx.issues.push({ code: 'custom', message: l10n.t('empty id'), input: ctx.value });
});

export const ConnectionSchema = looseObject({
  id: nonEmptyId,
  name: optional(string()),
  key: optional(string()),
  // Unknown future states are kept as strings and treated as "not ready yet".
  state: optional(string()),
  connected: optional(boolean()),
  disconnected: optional(boolean()),
  integrationKey: optional(string()),
  integration: optional(looseObject({ key: optional(string()), name: optional(string()) })),
  clientAction: optional(ClientActionSchema),
  requestError: optional(ErrorDataSchema),
  error: optional(ErrorDataSchema),
  errors: optional(array(ErrorDataSchema)),
});
export type Connection = Infer<typeof ConnectionSchema>;

/** A JSON schema as actions describe their input: kept as a loose tree. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  description?: string;
  title?: string;
  [k: string]: unknown;
}
export const JsonSchemaSchema: ZodMiniType<JsonSchema> = lazy(() =>
  looseObject({
    type: optional(union([string(), array(string())])),
    properties: optional(record(string(), JsonSchemaSchema)),
    required: optional(array(string())),
    items: optional(JsonSchemaSchema),
    enum: optional(array(unknown())),
    description: optional(string()),
  }),
);

export const ActionSchema = looseObject({
  id: nonEmptyId,
  key: optional(string()),
  name: _default(string(), ''),
  description: optional(string()),
  integrationKey: optional(string()),
  state: optional(string()),
  inputSchema: optional(JsonSchemaSchema),
});
export type Action = Infer<typeof ActionSchema>;

/** Effective state of a connection: `state`, else derived from the deprecated booleans. */
export function connectionState(c: Connection): ConnectionState | 'UNKNOWN' {
  if (c.state && (CONNECTION_STATES as readonly string[]).includes(c.state)) return c.state as ConnectionState;
  if (c.state) return 'UNKNOWN';
  if (c.clientAction) return 'CLIENT_ACTION_REQUIRED';
  if (c.connected === true || c.disconnected === false) return 'READY';
  return 'UNKNOWN';
}

/** The message to show for a failed connection: requestError, then error, then errors[0]. */
export function connectionErrorMessage(c: Connection): string | undefined {
  return c.requestError?.message ?? c.error?.message ?? c.errors?.[0]?.message;
}
