// Where an app promotes to: its coupling gives the pipeline and stage, the next stage's
// apps are the targets. Plain Node (over the Heroku layer): the Promote command and the
// agent's promote tool ask the same question.
import type { HerokuClient } from '../../heroku/client';
import type { App, PipelineCoupling } from '../../heroku/schemas';
import { nextStage } from './stages';
import * as l10n from '@vscode/l10n';

export type PromotionPlan = { pipelineId: string; next: string; targets: App[] } | { problem: string };

/** The app's coupling, and the apps of the stage it promotes to (or why there are none). */
export async function promotionPlan(client: HerokuClient, app: App, signal?: AbortSignal): Promise<PromotionPlan> {
  const couplings = await client.listPipelineCouplings(undefined, { signal });
  const own = couplings.find((c) => c.app.id === app.id);
  if (!own) return { problem: l10n.t(`{0} is not in a pipeline.`, app.name) };
  const next = nextStage(own.stage);
  if (!next) return { problem: own.stage === 'production' ? l10n.t(`{0} is in production, the last stage: there is nothing to promote to.`, app.name) : l10n.t(`Review apps are not promoted: merge the pull request, and its branch deploys to the next stage.`) };
  const apps = await client.listApps({ signal });
  const targets = couplings.filter((c: PipelineCoupling) => c.pipeline.id === own.pipeline.id && c.stage === next).map((c) => apps.find((a) => a.id === c.app.id)).filter((a): a is App => Boolean(a));
  if (!targets.length) return { problem: l10n.t(`The {0} stage of {1}'s pipeline has no app to promote to.`, next, app.name) };
  return { pipelineId: own.pipeline.id, next, targets };
}
