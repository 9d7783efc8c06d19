import crypto from 'node:crypto';
import express from 'express';
import type { AppContext } from '../../platform/context.js';
import { insertAudit } from '../audit/repository.js';
import { sessionFromToken } from '../session/service.js';
import { resolveAccess } from './access.js';
import { ApiError, fail, toProblem } from './problems.js';
import { type Auth, type RouteDef, type Scope, parsePart } from './route.js';

export const SESSION_COOKIE = 'dz_session';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Loads the session named by the cookie; an unknown or expired cookie simply means "not signed in". */
export function sessionMiddleware(ctx: AppContext): express.RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token && token.length <= 100) res.locals.auth = await sessionFromToken(ctx, token);
    next();
  };
}

function statusOf(error: unknown): number {
  return error instanceof ApiError ? toProblem(error.problem).status : 500;
}

/**
 * Mounts one route: authentication, CSRF, parsing of params/query/body (the handler sees
 * only parsed values), authorisation, the handler, the response schema, and the NEN 7513
 * audit entry, which is written before the response leaves (no logging, no data).
 */
export function mountRoute(ctx: AppContext, router: express.Router, route: RouteDef): void {
  router[route.method](route.path, async (req, res) => {
    const auth = res.locals.auth as Auth | undefined;
    let scope: Scope = { roles: [] };
    const audit = async (status: number) => {
      if (!route.audit || !auth) return;
      await insertAudit(ctx.db, {
        event: route.audit,
        caseId: scope.caseId ?? null,
        clientReference: scope.caseReference ?? null,
        regionId: scope.region ?? null,
        userId: auth.user.id,
        userName: auth.user.name,
        responsibleRole: scope.roles.length > 0 ? scope.roles.join(',') : null,
        route: `${route.method.toUpperCase()} ${route.path}`,
        outcome: status < 400 ? 'allowed' : status === 401 || status === 403 ? 'denied' : 'failed',
        status,
        sourceAddress: req.ip ?? null,
      });
    };
    try {
      if (route.access.kind !== 'public' && !auth) throw fail.unauthenticated();
      if (route.method !== 'get' && auth && route.access.kind !== 'public') {
        const header = req.get('x-csrf-token');
        if (!header || !sameToken(header, auth.csrfToken)) throw fail.csrf();
      }
      const params = parsePart(route.params, req.params, 'params');
      scope = await resolveAccess(ctx, route.access, auth, params as Record<string, unknown>, scope);
      const query = parsePart(route.query, req.query, 'query');
      const body = route.method === 'get' || route.method === 'delete' ? {} : parsePart(route.body, req.body, 'body');
      const result = await route.handle({ ctx, params, query, body, auth, scope, req, res });
      const payload = route.response.schema ? route.response.schema.parse(result.body) : result.body;
      await audit(result.status);
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      const type = result.contentType ?? route.response.contentType ?? 'application/json';
      if (type === 'application/json') {
        if (payload === undefined) res.status(result.status).end();
        else res.status(result.status).json(payload);
      } else {
        res.status(result.status).type(type).send(payload);
      }
    } catch (error) {
      await audit(statusOf(error));
      throw error;
    }
  });
}
