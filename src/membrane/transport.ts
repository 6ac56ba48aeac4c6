// Choosing between the two proxy transports (`act` and `request`) until real transcripts
// settle which the CLI prints reliably: the binary's `--help` says which it has (checked
// once per binary with the identity), a machine setting can force one, and the first
// that works is remembered per binary. A read whose output one transport could not parse
// is tried once through the other; a write is never sent twice.

import { OutcomeUnknownError, isErrorKind } from './errors';
import type { CallOptions } from './invoke';
import type { ActionRunOutput, MembraneApi, ProxyRequest, ProxyResponse, RequestOptions, TransportName } from './api';

export type TransportSetting = 'auto' | TransportName;

/** The transports to use, first choice first: forced, else the remembered one, else `act` when offered. */
export function transportOrder(offered: readonly TransportName[], setting: TransportSetting, remembered?: TransportName): TransportName[] {
  if (setting !== 'auto') return [setting];
  const available: TransportName[] = offered.length ? [...offered] : ['request'];
  const first = remembered && available.includes(remembered) ? remembered : available.includes('act') ? 'act' : 'request';
  return [first, ...available.filter((t) => t !== first)];
}

export interface TransportHooks {
  /** A transport answered readably: remember it for this binary. */
  worked(t: TransportName): void;
  log(message: string): void;
}

export class TransportSelector implements MembraneApi {
  private order: TransportName[];

  constructor(
    private readonly apis: Record<TransportName, MembraneApi>,
    order: TransportName[],
    private readonly hooks: TransportHooks,
  ) {
    this.order = order.length ? order : ['request'];
  }

  /** The transport the next call goes through. */
  get current(): TransportName {
    return this.order[0] as TransportName;
  }

  async runAction(connectionId: string, selector: string, input: unknown, opts?: CallOptions): Promise<ActionRunOutput> {
    const t = this.current;
    try {
      const out = await this.apis[t].runAction(connectionId, selector, input, opts);
      this.hooks.worked(t);
      return out;
    } catch (e) {
      // An action may write: an unreadable answer is an unknown outcome, never a retry.
      if (isErrorKind(e, 'unexpected-output')) throw new OutcomeUnknownError(`action ${selector}`, e.detail);
      throw e;
    }
  }

  async request(connectionId: string, req: ProxyRequest, opts?: RequestOptions): Promise<ProxyResponse> {
    const [first, second] = this.order as [TransportName, TransportName | undefined];
    try {
      const res = await this.apis[first].request(connectionId, req, opts);
      this.hooks.worked(first);
      return res;
    } catch (e) {
      if (!isErrorKind(e, 'unexpected-output')) throw e;
      if (req.method !== 'GET') throw new OutcomeUnknownError(`${req.method} ${req.path}`, e.detail);
      if (!second) throw e;
      this.hooks.log(`"${first}" gave unreadable output for GET ${req.path} (${e.detail}); trying "${second}" once.`);
      const res = await this.apis[second].request(connectionId, req, opts);
      this.order = [second, first];
      this.hooks.worked(second);
      return res;
    }
  }
}
