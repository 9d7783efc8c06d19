import type express from 'express';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { SessionUser } from '../session/schemas.js';
import { ApiError, fail, fieldErrors } from './problems.js';

/**
 * Every route is one declaration: method, path, who may call it (`access`), which audit
 * event it writes, and the zod schemas of its input and output. The same table mounts
 * the express handlers, generates the OpenAPI document and drives the authorisation
 * matrix test, so a route cannot exist without an access rule.
 */

/** Which members of a region a rule admits. */
export type RoleRule =
  /** any membership in the region */
  | 'member'
  /** roles on the ladder (tier ≥ 1): the people who work on cases */
  | 'caseWorker'
  /** beleidsmedewerker: settings and models */
  | 'policy'
  /** beleidsmedewerker or manager: audit log */
  | 'policyOrManager'
  /**
   * Need-to-know (case routes only): a ladder role that has (had) a task or a decision in the
   * case, or holds an unexpired break-the-glass grant for it. Elsewhere the same as caseWorker.
   */
  | 'caseRole'
  /** functioneel-beheerder: inzage- and erasure requests, retention runs */
  | 'functionalAdmin'
  /** beleidsmedewerker, manager and the learning meeting's organisers (region settings): the learning agenda, the yearly evaluation */
  | 'learning'
  /** beleidsmedewerker and the learning meeting's organisers: plan the meeting, record its outcomes */
  | 'learningOrganiser'
  /** the region's board roles (isBoardRole): the fixed-format reports after the bestuurlijk overleg */
  | 'board';

export type Access =
  | { kind: 'public' }
  | { kind: 'signedIn' }
  /** region from the path parameter `region` */
  | { kind: 'region'; rule: RoleRule }
  /** the region of the case in path parameter `id` */
  | { kind: 'case'; rule: RoleRule }
  /** the task in path parameter `key`: a membership matching one of its candidate groups */
  | { kind: 'task' }
  /** policy staff of any region (e.g. the template model for a new region) */
  | { kind: 'anyRegion'; rule: RoleRule };

export type Method = 'get' | 'post' | 'put' | 'delete';

export type Auth = { user: SessionUser; csrfToken: string; tokenHash: string };

/** What access resolution found out, handed to the handler and the audit log. */
export type Scope = {
  region?: string;
  /** The user's roles in `region` that the rule admitted. */
  roles: string[];
  caseId?: string;
  caseReference?: string;
};

export type HandlerInput<P, Q, B> = {
  ctx: AppContext;
  params: P;
  query: Q;
  body: B;
  auth: Auth | undefined;
  scope: Scope;
  req: express.Request;
  res: express.Response;
};

export type Reply = { status: number; body: unknown; contentType?: string; headers?: Record<string, string> };

export type RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> = {
  id: string;
  method: Method;
  /** express syntax: /api/regions/:region */
  path: string;
  summary: string;
  tags: string[];
  access: Access;
  /** NEN 7513 event written for every call, allowed or refused. */
  audit?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** 'json' by default; CSV and redirects declare their own content type. */
  response: { status: number; schema?: z.ZodType; contentType?: 'application/json' | 'text/csv' | 'text/html' };
  handle(input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<Reply>;
};

export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

export function reply(status: number, body: unknown, extra: Omit<Reply, 'status' | 'body'> = {}): Reply {
  return { status, body, ...extra };
}

/** Parses one part of the request; the parsed (coerced, stripped) value is what the handler gets. */
export function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, part: string): z.infer<T> {
  if (!schema) return {} as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw fail.validation(`Ongeldige ${part}.`, fieldErrors(result.error, part));
  return result.data;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
