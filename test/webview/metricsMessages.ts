// Type-level tests of the metrics page's messages, checked by `npm run typecheck`
// (tsconfig.webview.json). Nothing here runs: each `@ts-expect-error` must meet an error.
import type { Inbound, Outbound } from '../../src/metrics/core/protocol';
import type { post, receive } from '../../src/metrics/webview/page';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// The page sends exactly what the host's schema is the type of, and handles exactly what the host sends.
export const _sendsInbound: Equal<Parameters<typeof post>[0], Inbound> = true;
export const _receivesOutbound: Equal<Parameters<typeof receive>[0], Outbound> = true;

declare const send: typeof post;

send({ type: 'ready' });
send({ type: 'setRange', range: '72h' });
send({ type: 'openDashboard' });
send({ type: 'showRelease', version: 12 });

// @ts-expect-error a range the panel does not offer
send({ type: 'setRange', range: '30d' });
// @ts-expect-error a release without its version
send({ type: 'showRelease' });
// @ts-expect-error a misspelt type
send({ type: 'openDashbord' });
