// The Heroku layer's public surface. Nothing here imports `vscode`.
export * from './client';
export * from './schemas';
export * from './configVars';
export * from './metrics';
export { ReadCache, Semaphore } from './cache';
export { bindInput, roleOf } from './actions';
