// The order of a pipeline's stages: where each one promotes to. Plain Node, unit-tested.

// A Map: a stage is Heroku's data, and `{…}[stage]` would find `constructor` on any object.
const NEXT_STAGE = new Map([
  ['development', 'staging'],
  ['staging', 'production'],
]);

/** The stage `stage` promotes to, or undefined (production, review apps, an unknown stage). */
export function nextStage(stage: string): string | undefined {
  return NEXT_STAGE.get(stage);
}
