// File names that usually hold secrets. A `.gitignore` made for one stack often misses
// another's (a Node one ignores `.env` and `.env.*`, not `acme-api.env`), and an
// untracked file that no rule matches is sent: the confirmation names these.
const SECRET_NAMES = [
  /\.env$/i, // acme-api.env, .env
  /^\.env/i, // .env.local, .envrc
  /\.pem$/i,
  /\.key$/i,
  /^id_[^.]+$/i, // id_rsa, id_ed25519 (not id_rsa.pub, nor id_utils.js)
];

/** Whether a path's file name looks like one that holds a secret. */
export function looksLikeSecret(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  return SECRET_NAMES.some((r) => r.test(name));
}
