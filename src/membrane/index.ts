// The Membrane service layer's public surface. Nothing here imports `vscode`.
export * from './errors';
export * from './schemas';
export * from './redact';
export * from './resolveBinary';
export * from './runner';
export * from './identity';
export * from './client';
export * from './api';
export * from './requestApi';
export * from './actApi';
export * from './transport';
export * from './sleep';
export { extractJson, unwrapList, unwrapActionOutput, unwrapProxyResponse } from './envelopes';
