// Heroku Platform API resources (schema/heroku-platform-api.json), declared with only the
// fields the extension uses, as loose objects: extra fields pass through untouched.
import { _default, array, boolean, custom, looseObject, nullable, number, optional, string, type infer as Infer } from 'zod/mini';
import * as l10n from '@vscode/l10n';

const ref = looseObject({ id: string(), name: optional(nullable(string())) });
const maybeRef = optional(nullable(ref));
const time = optional(nullable(string()));

export const AccountSchema = looseObject({ id: string(), email: string(), name: optional(nullable(string())), two_factor_authentication: optional(boolean()) });
export type Account = Infer<typeof AccountSchema>;

export const AppSchema = looseObject({
  id: string(),
  name: string(),
  maintenance: _default(boolean(), false),
  region: maybeRef,
  stack: maybeRef,
  build_stack: maybeRef,
  team: maybeRef,
  organization: maybeRef,
  owner: optional(nullable(looseObject({ id: string(), email: optional(string()) }))),
  space: maybeRef,
  /** `cedar` or `fir`: Fir apps' log sessions take other parameters. */
  generation: maybeRef,
  web_url: optional(nullable(string())),
  git_url: optional(nullable(string())),
  released_at: time,
  created_at: time,
  updated_at: time,
});
export type App = Infer<typeof AppSchema>;

const user = optional(nullable(looseObject({ id: optional(string()), email: optional(string()) })));

export const ReleaseSchema = looseObject({
  id: string(),
  version: number(),
  description: _default(string(), ''),
  status: _default(string(), 'succeeded'),
  current: _default(boolean(), false),
  user,
  created_at: time,
  app: maybeRef,
  /** A release phase's output (pre-signed, short-lived: read the release again before streaming). */
  output_stream_url: optional(nullable(string())),
  /** The code it runs (none before the first deploy); the same id on two apps is the same code. */
  slug: optional(nullable(looseObject({ id: string() }))),
  /** The add-on plans the app had at this release. */
  addon_plan_names: optional(nullable(array(string()))),
});
export type Release = Infer<typeof ReleaseSchema>;

/** `GET /apps/{app}/slugs/{id}`: the commit a build's `source_blob.version` named (null when the source had none). */
export const SlugSchema = looseObject({
  id: string(),
  commit: optional(nullable(string())),
  commit_description: optional(nullable(string())),
  created_at: time,
});
export type Slug = Infer<typeof SlugSchema>;

export const DynoSchema = looseObject({
  id: string(),
  name: string(),
  type: string(),
  state: string(),
  size: optional(nullable(string())),
  command: optional(nullable(string())),
  created_at: time,
  updated_at: time,
  release: optional(nullable(looseObject({ id: string(), version: optional(number()) }))),
  /** A one-off dyno's rendezvous address (it carries a secret: never logged). */
  attach_url: optional(nullable(string())),
});
export type Dyno = Infer<typeof DynoSchema>;

export const FormationSchema = looseObject({ id: string(), type: string(), quantity: number(), size: string(), command: optional(nullable(string())) });
export type Formation = Infer<typeof FormationSchema>;

export const AddonSchema = looseObject({
  id: string(),
  name: string(),
  state: optional(nullable(string())),
  addon_service: maybeRef,
  plan: maybeRef,
  app: maybeRef,
  web_url: optional(nullable(string())),
  config_vars: optional(array(string())),
});
export type Addon = Infer<typeof AddonSchema>;

export const AddonServiceSchema = looseObject({ id: string(), name: string(), human_name: optional(nullable(string())), state: optional(nullable(string())) });
export type AddonService = Infer<typeof AddonServiceSchema>;

export const PlanSchema = looseObject({
  id: string(),
  name: string(),
  human_name: optional(nullable(string())),
  description: optional(nullable(string())),
  state: optional(nullable(string())),
  default: optional(nullable(boolean())),
  price: optional(nullable(looseObject({ cents: number(), unit: optional(nullable(string())), contract: optional(nullable(boolean())) }))),
});
export type Plan = Infer<typeof PlanSchema>;

export const AttachmentSchema = looseObject({ id: string(), name: string(), app: maybeRef, addon: maybeRef, namespace: optional(nullable(string())) });
export type Attachment = Infer<typeof AttachmentSchema>;

export const DomainSchema = looseObject({
  id: string(),
  hostname: string(),
  kind: string(),
  status: optional(nullable(string())),
  acm_status: optional(nullable(string())),
  acm_status_reason: optional(nullable(string())),
  cname: optional(nullable(string())),
});
export type Domain = Infer<typeof DomainSchema>;

export const BuildSchema = looseObject({
  id: string(),
  status: string(),
  created_at: time,
  user,
  source_blob: optional(nullable(looseObject({ version: optional(nullable(string())), version_description: optional(nullable(string())) }))),
  release: optional(nullable(looseObject({ id: string() }))),
  /** Pre-signed, short-lived: read the build again for a fresh one before streaming. */
  output_stream_url: optional(nullable(string())),
});
export type Build = Infer<typeof BuildSchema>;

export const CollaboratorSchema = looseObject({
  id: string(),
  role: optional(nullable(string())),
  user: looseObject({ id: optional(string()), email: string() }),
  permissions: optional(array(looseObject({ name: string() }))),
});
export type Collaborator = Infer<typeof CollaboratorSchema>;

export const PipelineSchema = looseObject({ id: string(), name: string(), owner: optional(nullable(looseObject({ id: string(), type: optional(string()) }))) });
export type Pipeline = Infer<typeof PipelineSchema>;

export const PipelineCouplingSchema = looseObject({ id: string(), stage: string(), app: looseObject({ id: string() }), pipeline: looseObject({ id: string() }) });
export type PipelineCoupling = Infer<typeof PipelineCouplingSchema>;

/**
 * A config-var map, kept as the very object JSON.parse made: zod's record() copies keys
 * by assignment, which drops a key named `__proto__` (a valid Heroku config var).
 */
export const ConfigVarsSchema = custom<Record<string, string | null>>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => x === null || typeof x === 'string'),
  { message: l10n.t('expected an object of string (or null) values') },
);
export type ConfigVars = Record<string, string>;

export const PromotionSchema = looseObject({ id: string(), status: string(), source: optional(nullable(looseObject({ app: maybeRef, release: maybeRef }))) });
export type Promotion = Infer<typeof PromotionSchema>;

export const PromotionTargetSchema = looseObject({ id: string(), status: string(), app: ref, release: maybeRef, error_message: optional(nullable(string())) });
export type PromotionTarget = Infer<typeof PromotionTargetSchema>;

export const ReviewAppSchema = looseObject({
  id: string(),
  app: maybeRef,
  branch: optional(nullable(string())),
  pr_number: optional(nullable(number())),
  status: optional(nullable(string())),
  error_status: optional(nullable(string())),
  message: optional(nullable(string())),
  created_at: time,
});
export type ReviewApp = Infer<typeof ReviewAppSchema>;

export const BuildpackInstallationSchema = looseObject({ ordinal: number(), buildpack: looseObject({ url: string(), name: optional(nullable(string())) }) });
export type BuildpackInstallation = Infer<typeof BuildpackInstallationSchema>;

export const StackSchema = looseObject({ id: string(), name: string(), state: optional(nullable(string())), default: optional(nullable(boolean())) });
export type Stack = Infer<typeof StackSchema>;

export const DynoSizeSchema = looseObject({ name: string(), id: optional(nullable(string())) });

export const LogSessionSchema = looseObject({ id: string(), logplex_url: string(), created_at: time });
/** `POST /sources`: where to upload a source archive, and where Heroku's builder fetches it (both pre-signed). */
export const SourceSchema = looseObject({ source_blob: looseObject({ put_url: string(), get_url: string() }) });
export type Source = Infer<typeof SourceSchema>;
export type LogSession = Infer<typeof LogSessionSchema>;
