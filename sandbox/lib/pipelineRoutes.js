'use strict';
// Pipeline promotions and review apps, as Heroku runs them. A promotion copies the
// source app's current release (its slug) to each target, one target after another
// (MEMBRANE_SANDBOX_PROMOTE_MS each), so a real `pending` is visible; each target settles
// on the first API call after its time (`settlePromotions`), with a release "Promote
// <source> v<N>". MEMBRANE_SANDBOX_PROMOTE_FAIL names a target app that fails. Review
// apps are the review stage's apps; deleting one deletes its app and coupling.

const { shareSlug } = require('./releaseHistory');

function register({ route, HttpError, findApp, findIn, newRelease, pendingLogs, now, uuid, listResponse, knobs, deleteApp }) {
  const promotions = (w) => (w.promotions ||= []);

  route('POST', '/pipeline-promotions', (w, r) => {
    const b = r.body || {};
    const pipeline = findIn(w.pipelines, b.pipeline && b.pipeline.id, ['id'], 'pipeline');
    const source = findApp(w, b.source && b.source.app && b.source.app.id);
    const targets = Array.isArray(b.targets) ? b.targets.map((t) => findApp(w, t && t.app && t.app.id)) : [];
    if (!targets.length) throw new HttpError(422, 'invalid_params', 'At least one target app is required.');
    const coupled = (app) => w.pipelineCouplings.find((c) => c.app.id === app.id && c.pipeline.id === pipeline.id);
    for (const app of [source, ...targets]) if (!coupled(app)) throw new HttpError(422, 'invalid_params', `${app.name} is not in the ${pipeline.name} pipeline.`);
    if (targets.some((t) => t.id === source.id)) throw new HttpError(422, 'invalid_params', 'An app cannot be promoted to itself.');
    const release = (w.releases[source.id] || []).find((x) => x.current);
    if (!release || !release.slug) throw new HttpError(422, 'invalid_params', `${source.name} has no release with a slug to promote: deploy it first.`);
    const stepMs = Number(knobs().MEMBRANE_SANDBOX_PROMOTE_MS) || 0;
    const start = Date.now();
    const promotion = {
      id: uuid(),
      pipeline: { id: pipeline.id },
      source: { app: { id: source.id }, release: { id: release.id } },
      status: 'pending',
      created_at: now(),
      updated_at: null,
      _targets: targets.map((t, i) => ({ id: uuid(), app: { id: t.id }, release: null, status: 'pending', error_message: null, pipeline_promotion: { id: '' }, _dueAt: start + stepMs * (i + 1) })),
    };
    for (const t of promotion._targets) t.pipeline_promotion.id = promotion.id;
    promotions(w).push(promotion);
    return { status: 201, body: promotion };
  });

  route('GET', '/pipeline-promotions/{id}', (w, r, p) => findIn(promotions(w), p.id, ['id'], 'pipeline promotion'));
  route('GET', '/pipeline-promotions/{id}/promotion-targets', (w, r, p) => listResponse(findIn(promotions(w), p.id, ['id'], 'pipeline promotion')._targets, r, 'id', ['id']));

  /** The review stage's apps, as `review-app` resources (branch and PR from the app's name). */
  const reviewApps = (w, pipelineId) =>
    w.pipelineCouplings
      .filter((c) => c.pipeline.id === pipelineId && c.stage === 'review')
      .map((c) => {
        const app = w.apps.find((a) => a.id === c.app.id);
        if (!app) return undefined;
        const pr = Number((/-pr-(\d+)$/.exec(app.name) || [])[1]) || null;
        return { id: c.id, app: { id: app.id }, branch: pr ? `feature/pr-${pr}` : app.name, pr_number: pr, status: 'created', pipeline: { id: pipelineId }, creator: { id: w.account.id }, created_at: c.created_at, updated_at: c.updated_at, error_status: null, message: null, wait_for_ci: false, fork_repo: null };
      })
      .filter(Boolean);
  route('GET', '/pipelines/{pipeline}/review-apps', (w, r, p) => {
    const pl = findIn(w.pipelines, p.pipeline, ['id', 'name'], 'pipeline');
    return listResponse(reviewApps(w, pl.id), r, 'id', ['id']);
  });
  route('DELETE', '/review-apps/{id}', (w, r, p) => {
    const coupling = w.pipelineCouplings.find((c) => c.id === p.id && c.stage === 'review');
    if (!coupling) throw new HttpError(404, 'not_found', "Couldn't find that review app.");
    const view = reviewApps(w, coupling.pipeline.id).find((x) => x.id === p.id);
    const app = w.apps.find((a) => a.id === coupling.app.id);
    if (app) deleteApp(w, app);
    return { ...view, status: 'deleting' };
  });

  /** Targets whose time has come: each gets its release (or its failure), in order. */
  function settlePromotions(w) {
    const failing = String(knobs().MEMBRANE_SANDBOX_PROMOTE_FAIL || '');
    let changed = false;
    for (const promotion of promotions(w)) {
      if (promotion.status !== 'pending') continue;
      const source = w.apps.find((a) => a.id === promotion.source.app.id);
      const release = source && (w.releases[source.id] || []).find((x) => x.id === promotion.source.release.id);
      for (const t of promotion._targets) {
        if (t.status !== 'pending' || t._dueAt > Date.now()) continue;
        changed = true;
        const app = w.apps.find((a) => a.id === t.app.id);
        if (!app || !release || (failing && app.name === failing)) {
          t.status = 'failed';
          t.error_message = app ? `Release command failed on ${app.name} (exit status 1): the release phase of v${release ? release.version : '?'} did not complete.` : 'The target app no longer exists.';
          continue;
        }
        pendingLogs.add(app.name, 'heroku', 'api', `Promote ${source.name} v${release.version} by user ${w.account.email}`);
        // The same slug (the same code): the target can read it from now on.
        if (release.slug) shareSlug(w, source, app, release.slug.id);
        const created = newRelease(w, app, `Promote ${source.name} v${release.version}`, { slug: release.slug });
        t.release = { id: created.id };
        t.status = 'succeeded';
      }
      if (promotion._targets.every((t) => t.status !== 'pending')) {
        promotion.status = 'completed';
        promotion.updated_at = now();
      }
    }
    return changed;
  }

  return { settlePromotions, hasDue: (w) => promotions(w).some((p) => p.status === 'pending' && p._targets.some((t) => t.status === 'pending' && t._dueAt <= Date.now())) };
}

module.exports = { register };
