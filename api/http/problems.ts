import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

/**
 * Domain errors as a tagged union. Services throw these and know nothing of HTTP;
 * `problemHandler` maps them to RFC 9457 problem documents in one place.
 */
export type FieldError = { path: string; message: string };
export type Finding = { elementId: string | null; rule: string; message: string };
/** A role a model in use still names: the model version and the elements that name it. */
export type RoleInUse = { role: string; version: number; elements: string[] };
/** A deadline key a model in use still names: the model version and the elements that name it. */
export type DeadlineInUse = { deadline: string; version: number; elements: string[] };

export type AppError =
  | { kind: 'NotFound'; detail: string }
  | { kind: 'Forbidden'; detail: string }
  | { kind: 'Unauthenticated'; detail: string }
  | { kind: 'Validation'; detail: string; errors: FieldError[] }
  | { kind: 'FormInvalid'; detail: string; errors: FieldError[] }
  | { kind: 'ModelRefused'; detail: string; errors: Finding[] }
  | { kind: 'Conflict'; detail: string }
  | { kind: 'RolesInUse'; detail: string; errors: Finding[]; roles: RoleInUse[] }
  | { kind: 'DeadlinesInUse'; detail: string; errors: Finding[]; deadlines: DeadlineInUse[] }
  | { kind: 'PayloadTooLarge'; detail: string }
  | { kind: 'TooManyRequests'; detail: string; retryAfterSeconds: number }
  | { kind: 'CsrfMismatch'; detail: string }
  | { kind: 'EngineUnavailable'; detail: string };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly problem: AppError,
    options?: { cause?: unknown },
  ) {
    super(problem.detail, options);
  }
}

export const fail = {
  notFound: (detail: string) => new ApiError({ kind: 'NotFound', detail }),
  forbidden: (detail = 'Je hebt geen toegang tot deze gegevens.') => new ApiError({ kind: 'Forbidden', detail }),
  unauthenticated: (detail = 'Log eerst in.') => new ApiError({ kind: 'Unauthenticated', detail }),
  validation: (detail: string, errors: FieldError[] = []) => new ApiError({ kind: 'Validation', detail, errors }),
  formInvalid: (errors: FieldError[]) => new ApiError({ kind: 'FormInvalid', detail: 'Het formulier is niet volledig of klopt niet.', errors }),
  modelRefused: (errors: Finding[]) =>
    new ApiError({ kind: 'ModelRefused', detail: `Het model is geweigerd: ${errors.length} bevinding(en).`, errors }),
  conflict: (detail: string, cause?: unknown) => new ApiError({ kind: 'Conflict', detail }, { cause }),
  rolesInUse: (detail: string, errors: Finding[], roles: RoleInUse[]) => new ApiError({ kind: 'RolesInUse', detail, errors, roles }),
  deadlinesInUse: (detail: string, errors: Finding[], deadlines: DeadlineInUse[]) => new ApiError({ kind: 'DeadlinesInUse', detail, errors, deadlines }),
  tooMany: (retryAfterSeconds: number) =>
    new ApiError({ kind: 'TooManyRequests', detail: 'Te veel pogingen; probeer het over een minuut opnieuw.', retryAfterSeconds }),
  csrf: () => new ApiError({ kind: 'CsrfMismatch', detail: 'De X-CSRF-Token-header ontbreekt of klopt niet.' }),
  engine: (detail: string, cause?: unknown) => new ApiError({ kind: 'EngineUnavailable', detail }, { cause }),
};

const PROBLEMS: Record<AppError['kind'], { slug: string; title: string; status: number }> = {
  NotFound: { slug: 'not-found', title: 'Niet gevonden', status: 404 },
  Forbidden: { slug: 'forbidden', title: 'Geen toegang', status: 403 },
  Unauthenticated: { slug: 'unauthenticated', title: 'Niet ingelogd', status: 401 },
  Validation: { slug: 'validation', title: 'Ongeldige invoer', status: 400 },
  FormInvalid: { slug: 'validation', title: 'Formulier ongeldig', status: 422 },
  ModelRefused: { slug: 'model-refused', title: 'Model geweigerd', status: 422 },
  Conflict: { slug: 'conflict', title: 'Conflict', status: 409 },
  RolesInUse: { slug: 'role-in-use', title: 'Rol nog in gebruik', status: 409 },
  DeadlinesInUse: { slug: 'deadline-in-use', title: 'Termijn nog in gebruik', status: 409 },
  PayloadTooLarge: { slug: 'payload-too-large', title: 'Te groot', status: 413 },
  TooManyRequests: { slug: 'too-many-requests', title: 'Te veel verzoeken', status: 429 },
  CsrfMismatch: { slug: 'csrf', title: 'CSRF-controle mislukt', status: 403 },
  EngineUnavailable: { slug: 'engine-unavailable', title: 'Procesengine niet bereikbaar', status: 503 },
};

export const PROBLEM_BASE = 'https://doorzet.example.org/problems/';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.union([z.object({ path: z.string(), message: z.string() }), z.object({ elementId: z.string().nullable(), rule: z.string(), message: z.string() })])).optional(),
  /** 409 role-in-use: each role the change would remove while a model in use names it. */
  roles: z.array(z.object({ role: z.string(), version: z.number(), elements: z.array(z.string()) })).optional(),
  /** 409 deadline-in-use: each deadline key the change would remove while a model in use names it. */
  deadlines: z.array(z.object({ deadline: z.string(), version: z.number(), elements: z.array(z.string()) })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export function toProblem(problem: AppError, statusOverride?: number): Problem {
  const meta = PROBLEMS[problem.kind];
  return {
    type: PROBLEM_BASE + meta.slug,
    title: meta.title,
    status: statusOverride ?? meta.status,
    detail: problem.detail,
    ...('errors' in problem ? { errors: problem.errors } : {}),
    ...('roles' in problem ? { roles: problem.roles } : {}),
    ...('deadlines' in problem ? { deadlines: problem.deadlines } : {}),
  };
}

/** Turns a zod error into field errors with dotted paths (`person.bsn`). */
export function fieldErrors(error: z.ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

type BodyParserError = Error & { type?: string; status?: number; expose?: boolean };

/** Recognises the errors express' own body parser raises, so they stay 4xx. */
function fromExpress(error: unknown): AppError | undefined {
  const e = error as BodyParserError;
  if (e?.type === 'entity.too.large') return { kind: 'PayloadTooLarge', detail: 'Het verzoek is groter dan toegestaan.' };
  if (e?.type === 'entity.parse.failed') return { kind: 'Validation', detail: 'De body is geen geldige JSON.', errors: [] };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { kind: 'Validation', detail: e.expose ? e.message : 'Ongeldig verzoek.', errors: [] };
  }
  return undefined;
}

export function problemHandler(log: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    let problem: Problem;
    if (error instanceof ApiError) {
      problem = toProblem(error.problem);
      if (error.problem.kind === 'TooManyRequests') res.setHeader('Retry-After', String(error.problem.retryAfterSeconds));
      if (error.problem.kind === 'EngineUnavailable') log(error);
    } else {
      const known = fromExpress(error);
      if (known) {
        problem = toProblem(known, known.kind === 'Validation' ? (error as BodyParserError).status ?? 400 : undefined);
      } else {
        log(error);
        problem = { type: PROBLEM_BASE + 'internal', title: 'Interne fout', status: 500, detail: 'Er ging iets mis; de fout is gelogd.' };
      }
    }
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}
