// Messages between the metrics page and the extension host. The host validates every
// inbound message with zod before acting on it (a key it does not know makes a message
// malformed too); the page only draws what it is sent.
import { discriminatedUnion, enum as zEnum, int, literal, strictObject, type infer as Infer } from 'zod/mini';
import { RANGES, type MetricsRange } from './ranges';
import type { ChartModel, ReleaseMarker } from './chartTypes';
import type { PageText } from './pageText';

export const InboundSchema = discriminatedUnion('type', [
  /** The page is (again) ready to draw: the host sends it everything it has. */
  strictObject({ type: literal('ready') }),
  strictObject({ type: literal('setRange'), range: zEnum(RANGES) }),
  strictObject({ type: literal('openDashboard') }),
  /** A release marker activated: the host shows that release, if it is one it sent. */
  strictObject({ type: literal('showRelease'), version: int() }),
]);
export type Inbound = Infer<typeof InboundSchema>;

export type Outbound =
  /** `text`: the page's words in VS Code's display language (the page has no l10n of its own). */
  | { type: 'init'; app: string; range: MetricsRange; text: PageText }
  /** Heroku's metrics for a range; `unsupported`: the one plain sentence that replaces them, with the Dashboard button. */
  | { type: 'metrics'; range: MetricsRange; window: string; charts: ChartModel[]; markers: ReleaseMarker[]; unsupported?: string; note?: string }
  | { type: 'live'; charts: ChartModel[]; status: string }
  | { type: 'busy'; label: string }
  /** `range`: the range the page shows now (a failed one is not kept, so it can be asked again). */
  | { type: 'failed'; message: string; range: MetricsRange };
