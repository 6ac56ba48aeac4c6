// The connection's pre-built Heroku actions, and how to fill their input. Property names
// are read from each action's inputSchema (never assumed): a property is bound to a role
// (the app, a release, a dyno, …) by its name, and an action whose required properties
// cannot all be bound is not used (the proxy request is used instead).
import type { Action, JsonSchema } from '../membrane/schemas';

/** Actions whose key says they only read (`list-*`, `get-*`). */
export function isReadOnlyAction(action: Action): boolean {
  return /^(list|get)-/.test(action.key ?? action.id);
}

export type Role = 'app' | 'release' | 'dyno' | 'addon' | 'domain' | 'build' | 'pipeline';

const ROLE_PATTERNS: Array<[Role, RegExp]> = [
  ['release', /release|version/i],
  ['dyno', /dyno/i],
  ['addon', /add-?on/i],
  ['domain', /domain|hostname/i],
  ['build', /build/i],
  ['pipeline', /pipeline/i],
  ['app', /app/i],
];

/** Which role a property plays, from its name (and description as a tie-breaker). */
export function roleOf(name: string, schema?: JsonSchema): Role | undefined {
  for (const [role, re] of ROLE_PATTERNS) if (re.test(name)) return role;
  if (schema?.description) for (const [role, re] of ROLE_PATTERNS) if (re.test(schema.description)) return role;
  return undefined;
}

/**
 * The action's input for the given role values, or undefined when a required property
 * has no value (or an unknown role): then the action is not used.
 */
export function bindInput(action: Action, values: Partial<Record<Role, string>>): Record<string, string> | undefined {
  const props = action.inputSchema?.properties ?? {};
  const required = new Set(action.inputSchema?.required ?? []);
  const input: Record<string, string> = {};
  const used = new Set<Role>();
  for (const [name, schema] of Object.entries(props)) {
    const role = roleOf(name, schema);
    const value = role ? values[role] : undefined;
    if (value !== undefined && role && !used.has(role)) {
      input[name] = value;
      used.add(role);
    } else if (required.has(name)) {
      return undefined;
    }
  }
  // Every value we meant to pass must have found a property, or the action reads something else.
  for (const role of Object.keys(values) as Role[]) if (values[role] !== undefined && !used.has(role)) return undefined;
  return input;
}

/** Actions by key, from one `action list` per connection. */
export class ActionCatalog {
  private byKey: Map<string, Action> | undefined;
  private loading: Promise<Map<string, Action>> | undefined;

  constructor(private readonly list: () => Promise<Action[]>) {}

  async find(key: string): Promise<Action | undefined> {
    if (!this.byKey) {
      this.loading ??= this.list().then(
        (actions) => new Map(actions.filter((a) => a.key && (a.state === undefined || a.state === 'READY')).map((a) => [a.key as string, a])),
        // Actions are an optimisation: without them every read goes through the proxy.
        () => new Map<string, Action>(),
      );
      this.byKey = await this.loading;
    }
    return this.byKey.get(key);
  }
}
