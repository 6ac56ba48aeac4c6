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

/** A catalogue as remembered between windows: the connection's read-only actions, and when they were listed. */
export interface RememberedCatalog {
  /** Epoch ms of the `action list` it came from. */
  at: number;
  actions: Action[];
}

/** Where a connection's catalogue is kept between windows (VS Code's globalState, through the connection manager). */
export interface CatalogMemory {
  read(): RememberedCatalog | undefined;
  write(catalog: RememberedCatalog): void;
}

/** A remembered catalogue older than this is listed again, in the background, by the first read that uses it. */
export const CATALOG_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Actions by key, from one `action list` per connection. With a memory, a window uses the
 * catalogue an earlier window listed (so its first read is one CLI call, not two in a
 * row), lists it again in the background when it is old, and at once when one of its
 * actions is refused (`relist`).
 */
export class ActionCatalog {
  private byKey: Map<string, Action> | undefined;
  private listing: Promise<Map<string, Action>> | undefined;
  /** The catalogue in use came from memory and was not listed again in this window. */
  private fromMemory = false;

  constructor(
    private readonly list: () => Promise<Action[]>,
    private readonly memory?: CatalogMemory,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether the catalogue in use is one an earlier window listed. */
  get remembered(): boolean {
    return this.fromMemory;
  }

  /** The catalogue ready: the remembered one (no CLI call), or one `action list`. */
  async load(): Promise<void> {
    if (this.byKey) return;
    const kept = this.memory?.read();
    if (kept) {
      this.byKey = byKey(kept.actions);
      this.fromMemory = true;
      return;
    }
    this.byKey = await this.relist();
  }

  async find(key: string): Promise<Action | undefined> {
    await this.load();
    const kept = this.fromMemory ? this.memory?.read() : undefined;
    if (kept && this.now() - kept.at > CATALOG_MAX_AGE_MS) void this.relist();
    return this.byKey?.get(key);
  }

  /** One `action list` (shared by concurrent callers), remembered when it answers; a failure keeps what is known. */
  relist(): Promise<Map<string, Action>> {
    this.listing ??= this.list().then(
      (actions) => {
        const fresh = byKey(actions);
        this.byKey = fresh;
        this.fromMemory = false;
        // Only the read-only actions: reads are all that go through actions.
        this.memory?.write({ at: this.now(), actions: [...fresh.values()].filter(isReadOnlyAction).map(essentials) });
        return fresh;
      },
      // Actions are an optimisation: without them every read goes through the proxy.
      () => this.byKey ?? new Map<string, Action>(),
    );
    return this.listing;
  }
}

function byKey(actions: Action[]): Map<string, Action> {
  return new Map(actions.filter((a) => a.key && (a.state === undefined || a.state === 'READY')).map((a) => [a.key as string, a]));
}

/** What binding an input needs of an action (its id, key, input properties and their descriptions, what is required), nothing more. */
function essentials(a: Action): Action {
  const properties = Object.fromEntries(Object.entries(a.inputSchema?.properties ?? {}).map(([name, p]) => [name, p.description ? { description: p.description } : {}]));
  return { id: a.id, key: a.key, name: a.name, inputSchema: { properties, ...(a.inputSchema?.required ? { required: a.inputSchema.required } : {}) } };
}
