// The packaging code, bundled apart as `dist/packager.js` and loaded on the first deploy
// (src/deploy/packaging.ts): `tar` and `ignore` are not activation code.
export { selectFiles, countStatusEntries, type FileSelection, type GitState } from './fileSelection';
export { packArchive, type Archive } from './archive';
// Its own copy of @vscode/l10n: the loader hands it VS Code's bundle, as l10nSetup.ts does the extension's.
export { config as configureL10n } from '@vscode/l10n';
