// A release named outside the tree (a notification's button): which release of which app of
// which account. The release commands take it as they take a release node.
import type { Release } from '../heroku/schemas';

export class ReleaseOfApp {
  constructor(
    readonly app: string,
    readonly connectionId: string,
    readonly release: Release,
  ) {}
}
