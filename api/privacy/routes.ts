import { z } from 'zod';
import { caseIdParams, regionParams } from '../cases/schemas.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import * as erasure from './erasure.js';
import * as retention from './retention.js';
import { accessGrantList, breakGlassBody, breakGlassGranted, consentBody, consentOverview, erasureBody, erasureResult, personExport, personQuery, reporterErasureBody, reporterErasureResult, reporterExport, reporterQuery, retentionReport } from './schemas.js';
import * as service from './service.js';

export const privacyRoutes: RouteDef[] = [
  defineRoute({
    id: 'privacy.breakGlass',
    method: 'post',
    path: '/api/cases/:id/break-glass',
    summary: 'Noodtoegang: persoonsgegevens van een casus zonder eigen taak, alleen met reden (gelogd, zichtbaar voor de casusrollen)',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'caseWorker' },
    audit: 'person.break-glass',
    params: caseIdParams,
    body: breakGlassBody,
    response: { status: 201, schema: breakGlassGranted },
    handle: async ({ ctx, params, body, auth, scope }) =>
      reply(201, await service.breakGlass(ctx, ctx.db, { caseId: params.id, userId: auth!.user.id, userName: auth!.user.name, roles: scope.roles, reason: body.reden })),
  }),
  defineRoute({
    id: 'privacy.accessGrants',
    method: 'get',
    path: '/api/cases/:id/access-grants',
    summary: 'Wie met noodtoegang de persoonsgegevens van deze casus mocht inzien, en waarom',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'person.break-glass.read',
    params: caseIdParams,
    response: { status: 200, schema: accessGrantList },
    handle: async ({ ctx, params }) => reply(200, await service.grants(ctx, params.id)),
  }),
  defineRoute({
    id: 'privacy.consentRecord',
    method: 'post',
    path: '/api/cases/:id/consent',
    summary: 'Toestemming en betrokkenheid van het gezin vastleggen op de huidige trede (trede 1: bij de melding)',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'case.consent.record',
    params: caseIdParams,
    body: consentBody,
    response: { status: 201, schema: consentOverview },
    handle: async ({ ctx, params, body, auth, scope }) => reply(201, await service.recordConsent(ctx, params.id, body, { name: auth!.user.name, roles: scope.roles })),
  }),
  defineRoute({
    id: 'privacy.consent',
    method: 'get',
    path: '/api/cases/:id/consent',
    summary: 'Toestemming en betrokkenheid van het gezin per trede: wie het vastlegde en wanneer, en of de regio op deze trede toestemming vraagt',
    tags: ['privacy'],
    access: { kind: 'case', rule: 'member' },
    audit: 'case.consent.read',
    params: caseIdParams,
    response: { status: 200, schema: consentOverview },
    handle: async ({ ctx, params }) => reply(200, await service.consentOverview(ctx, params.id)),
  }),
];

export const privacyAdminRoutes: RouteDef[] = [
  defineRoute({
    id: 'privacy.personExport',
    method: 'post',
    path: '/api/regions/:region/privacy/person-export',
    summary: 'Inzageverzoek (AVG art. 15): alles over één persoon in deze regio als bestand, met het toegangslog (NEN 7513)',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'person.export',
    params: regionParams,
    // POST, not GET: a BSN does not belong in a URL or an access log.
    body: personQuery,
    response: { status: 200, schema: personExport },
    handle: async ({ ctx, params, body }) => {
      const exported = await erasure.exportPerson(ctx, params.region, body);
      const day = exported.exportedAt.slice(0, 10);
      return reply(200, exported, { headers: { 'Content-Disposition': `attachment; filename="inzage-${params.region}-${day}.json"` } });
    },
  }),
  defineRoute({
    id: 'privacy.personErase',
    method: 'post',
    path: '/api/regions/:region/privacy/person-erasure',
    summary: 'Verzoek tot wissen (AVG art. 17, Jeugdwet art. 7.3.9): verwijdert elke casus van de persoon uit Doorzet en de procesengine; lopende casussen alleen met reden',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'person.erase',
    params: regionParams,
    body: erasureBody,
    response: { status: 200, schema: erasureResult },
    handle: async ({ ctx, params, body, auth }) => reply(200, await erasure.erasePerson(ctx, params.region, body, auth!.user.name)),
  }),
  defineRoute({
    id: 'privacy.reporterExport',
    method: 'post',
    path: '/api/regions/:region/privacy/reporter-export',
    summary: 'Inzageverzoek van iemand die zelf een melding deed: naam en contactgegevens per melding, gevonden op e-mailadres of telefoonnummer',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'reporter.export',
    params: regionParams,
    body: reporterQuery,
    response: { status: 200, schema: reporterExport },
    handle: async ({ ctx, params, body }) => reply(200, await erasure.exportReporter(ctx, params.region, body)),
  }),
  defineRoute({
    id: 'privacy.reporterErase',
    method: 'post',
    path: '/api/regions/:region/privacy/reporter-erasure',
    summary: 'Verzoek tot wissen van iemand die zelf een melding deed: verwijdert naam en contactgegevens, de casus blijft',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'reporter.erase',
    params: regionParams,
    body: reporterErasureBody,
    response: { status: 200, schema: reporterErasureResult },
    handle: async ({ ctx, params, body, auth }) => reply(200, await erasure.eraseReporter(ctx, params.region, body, auth!.user.name)),
  }),
  defineRoute({
    id: 'privacy.retentionRun',
    method: 'post',
    path: '/api/regions/:region/privacy/retention-runs',
    summary: 'Bewaartermijn nu toepassen voor deze regio (anders dagelijks binnen RETENTION_WINDOW); geeft het verslag',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'retention.run',
    params: regionParams,
    response: { status: 201, schema: retentionReport },
    handle: async ({ ctx, params, auth }) => reply(201, await retention.runRetention(ctx, { trigger: 'manual', startedBy: auth!.user.name, region: params.region })),
  }),
  defineRoute({
    id: 'privacy.retentionRuns',
    method: 'get',
    path: '/api/regions/:region/privacy/retention-runs',
    summary: 'Verslagen van de bewaartermijn: hoeveel casussen en rijen per run zijn verwijderd',
    tags: ['privacy'],
    access: { kind: 'region', rule: 'functionalAdmin' },
    audit: 'retention.read',
    params: regionParams,
    response: { status: 200, schema: z.array(retentionReport) },
    handle: async ({ ctx, params }) => reply(200, await retention.retentionRuns(ctx, { region: params.region })),
  }),
];
