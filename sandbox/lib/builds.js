'use strict';
// Builds from source, as Heroku runs them: `POST /apps/{app}/builds` fetches the uploaded
// blob, checks its checksum, lists the archive and detects a language from its files;
// the build stays `pending` for MEMBRANE_SANDBOX_DEPLOY_MS while its output streams,
// then settles (succeeded: a release "Deploy <version>" and restarted dynos). Settling
// happens on the next API call after that time (`settleDue`), so no process has to
// stay alive for it. Knobs: MEMBRANE_SANDBOX_BUILD_FAIL (the build fails after
// compiling), MEMBRANE_SANDBOX_DEPLOY_MS (how long a build runs).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { listTarGz } = require('./sources');

/** Root files that name a language, in the order Heroku's buildpacks detect them. */
const LANGUAGES = [
  { files: ['Gemfile'], name: 'Ruby', buildpack: 'heroku/ruby', steps: ['Installing bundler 2.5.6', 'Installing dependencies using bundler 2.5.6', '       Running: BUNDLE_WITHOUT=development:test bundle install -j4', '       Bundle completed (14.21s)', '-----> Detecting rake tasks'] },
  { files: ['package.json'], name: 'Node.js', buildpack: 'heroku/nodejs', steps: ['Creating runtime environment', '       NODE_ENV=production', '-----> Installing binaries', '       engines.node (package.json):   20.x', '       Resolving node version 20.x...', '-----> Installing dependencies', '       Installing node modules', '       added 412 packages in 9.8s', '-----> Build', '-----> Pruning devDependencies'] },
  { files: ['requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile'], name: 'Python', buildpack: 'heroku/python', steps: ['Using Python 3.12 specified in .python-version', '-----> Installing Python 3.12.7', '-----> Installing pip 24.3.1', '-----> Installing dependencies using pip', '       Successfully installed gunicorn-23.0.0'] },
  { files: ['go.mod'], name: 'Go', buildpack: 'heroku/go', steps: ['Using go1.23.4', '-----> Determining packages to install', '       Running: go install -v -tags heroku ./...'] },
  { files: ['pom.xml'], name: 'Java', buildpack: 'heroku/java', steps: ['Installing OpenJDK 21', '-----> Executing Maven', '       $ ./mvnw -DskipTests clean dependency:list install', '       [INFO] BUILD SUCCESS'] },
  { files: ['composer.json', 'index.php'], name: 'PHP', buildpack: 'heroku/php', steps: ['Bootstrapping...', '-----> Preparing platform package installation...', '-----> Installing platform packages...', '       - php (8.3.14)'] },
];

const NO_LANGUAGE = [
  ' !     No default language could be detected for this app.',
  '\t\t\tHINT: This occurs when Heroku cannot detect the buildpack to use for this application automatically.',
  '\t\t\tSee https://devcenter.heroku.com/articles/buildpacks',
  '',
  ' !     Push failed',
];

const stackTitle = (stack) => `${stack[0].toUpperCase()}${stack.slice(1)}`;

function kb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)}M` : `${Math.max(1, Math.round(bytes / 1024))}K`;
}

/**
 * What a build of these source bytes prints, and how it ends. `nextVersion`: the release
 * it would make; `fail`: the failure knob; `purged`: the build cache was purged since.
 */
function compile({ bytes, checksum, stack, nextVersion, fail, purged }) {
  const lines = [`-----> Building on the ${stackTitle(stack)} stack`];
  if (!bytes) return { outcome: 'failed', lines: [...lines, ' !     Unable to fetch source from the source URL (it expired or was never uploaded).', ' !     Push failed'] };
  const actual = `SHA256:${crypto.createHash('sha256').update(bytes).digest('hex')}`;
  if (checksum && checksum !== actual) return { outcome: 'failed', lines: [...lines, ` !     The source's checksum does not match: expected ${checksum}, got ${actual}.`, ' !     Push failed'] };
  let entries;
  try {
    entries = listTarGz(bytes);
  } catch {
    return { outcome: 'failed', lines: [...lines, ' !     Unable to extract the source: it is not a gzipped tar archive.', ' !     Push failed'] };
  }
  const files = entries.filter((e) => e.type === 'file' || e.type === 'symlink');
  const root = new Set(files.map((e) => e.path).filter((p) => !p.includes('/')));
  const language = LANGUAGES.find((l) => l.files.some((f) => root.has(f)));
  if (!language) return { outcome: 'failed', lines: [...lines, ...NO_LANGUAGE], entries };
  const seen = language.files.filter((f) => root.has(f));
  const sourceBytes = files.reduce((n, e) => n + e.size, 0);
  lines.push(
    `-----> Using buildpack: ${language.buildpack}`,
    `-----> ${language.name} app detected`,
    `       Detected ${[...seen, ...(root.has('Procfile') ? ['Procfile'] : [])].join(', ')} (${files.length} files, ${kb(sourceBytes)} of source)`,
    purged ? '-----> Build cache purged: installing from scratch' : '-----> Restoring cache',
    ...language.steps.map((s) => (s.startsWith(' ') || s.startsWith('-') ? s : `-----> ${s}`)),
  );
  if (fail) {
    return { outcome: 'failed', entries, lines: [...lines, '       ERROR: the build command exited with status 1', '-----> Build failed', " !     We're sorry this build is failing! You can troubleshoot common issues here:", ' !     https://devcenter.heroku.com/start', ` !     Push rejected, failed to compile ${language.name} app.`, '', ' !     Push failed'] };
  }
  lines.push(
    '-----> Caching build',
    '-----> Discovering process types',
    `       Procfile declares types -> ${root.has('Procfile') ? 'web' : '(none)'}`,
    '-----> Compressing...',
    `       Done: ${kb(sourceBytes + 40 * 1024 * 1024)}`,
    '-----> Launching...',
    `       Released v${nextVersion}`,
    '       Deployed to Heroku',
  );
  return { outcome: 'succeeded', lines, entries, language };
}

/** Due or cancelled builds of the world: those a call should settle first. */
function dueBuilds(world, now = Date.now()) {
  const due = [];
  for (const [appId, builds] of Object.entries(world.builds || {})) {
    for (const b of builds) if (b.status === 'pending' && b._finishAt !== undefined && b._finishAt <= now) due.push({ appId, build: b });
  }
  return due;
}

/** Where a build's cancel is recorded, for the stream server to see. */
function cancelMarker(home, buildId) {
  return path.join(home, 'build-cancels', buildId);
}

function markCancelled(home, buildId) {
  fs.mkdirSync(path.join(home, 'build-cancels'), { recursive: true });
  fs.writeFileSync(cancelMarker(home, buildId), new Date().toISOString());
}

module.exports = { compile, dueBuilds, cancelMarker, markCancelled };
