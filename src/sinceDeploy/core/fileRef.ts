// What a `heroku-deployed:` document names: a file of a linked folder as it was at a
// commit. Any URI of that scheme can be opened (a link in a markdown file, another
// extension), so git runs only for a folder linked now, a full commit id, and a relative path
// that stays inside the folder. Plain Node.
import { isFullCommitId } from './repository';

export interface FileRef {
  folder: string;
  commit: string;
  path: string;
}

/** A path relative to the folder that stays in it: no absolute path, no `..` segment, no NUL. */
function isInsidePath(p: string): boolean {
  if (!p || p.includes('\0') || p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:/.test(p)) return false;
  return !p.split(/[\\/]/).includes('..');
}

/** The file a document's query names, or undefined when it is not one this extension would read. */
export function fileRefOf(query: string, isLinked: (folder: string) => boolean): FileRef | undefined {
  let ref: unknown;
  try {
    ref = JSON.parse(query);
  } catch {
    return undefined;
  }
  if (!ref || typeof ref !== 'object' || Array.isArray(ref)) return undefined;
  const { folder, commit, path } = ref as Partial<Record<keyof FileRef, unknown>>;
  if (typeof folder !== 'string' || typeof path !== 'string' || !isFullCommitId(commit)) return undefined;
  if (!isInsidePath(path) || !isLinked(folder)) return undefined;
  return { folder, commit, path };
}
