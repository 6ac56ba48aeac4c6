// zod schemas for what the Membrane CLI prints. Only the fields we use are declared,
// and every object is loose: a new CLI field must never break the extension
// (research/membrane-cli.md §4).

import { z } from 'zod';

export const CONNECTION_STATES = [
  'BUILDING',
  'CLIENT_ACTION_REQUIRED',
  'CONFIGURATION_ERROR',
  'SETUP_FAILED',
  'READY',
  'DISCONNECTING',
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export const ErrorDataSchema = z.looseObject({
  type: z.string().optional(),
  key: z.string().optional(),
  message: z.string(),
});
export type ErrorData = z.infer<typeof ErrorDataSchema>;

export const ClientActionSchema = z.looseObject({
  type: z.string(),
  description: z.string().default(''),
  uiUrl: z.string().optional(),
  agentInstructions: z.string().optional(),
});
export type ClientAction = z.infer<typeof ClientActionSchema>;

export const ConnectionSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  key: z.string().optional(),
  // Unknown future states are kept as strings and treated as "not ready yet".
  state: z.string().optional(),
  connected: z.boolean().optional(),
  disconnected: z.boolean().optional(),
  integrationKey: z.string().optional(),
  integration: z.looseObject({ key: z.string().optional(), name: z.string().optional() }).optional(),
  clientAction: ClientActionSchema.optional(),
  requestError: ErrorDataSchema.optional(),
  error: ErrorDataSchema.optional(),
  errors: z.array(ErrorDataSchema).optional(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

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
export const JsonSchemaSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    properties: z.record(z.string(), JsonSchemaSchema).optional(),
    required: z.array(z.string()).optional(),
    items: JsonSchemaSchema.optional(),
    enum: z.array(z.unknown()).optional(),
    description: z.string().optional(),
  }),
);

export const ActionSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().optional(),
  name: z.string().default(''),
  description: z.string().optional(),
  integrationKey: z.string().optional(),
  state: z.string().optional(),
  inputSchema: JsonSchemaSchema.optional(),
});
export type Action = z.infer<typeof ActionSchema>;

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

export function isHerokuConnection(c: Connection): boolean {
  const key = c.integrationKey ?? c.integration?.key ?? c.key;
  if (key?.toLowerCase() === 'heroku') return true;
  const name = c.integration?.name ?? c.name ?? '';
  return /heroku/i.test(name);
}
