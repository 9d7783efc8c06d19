import { caseIdParams } from '../cases/schemas.js';
import { type RouteDef, defineRoute, reply } from '../http/route.js';
import { answerBody, feedbackStatus, linkCreated, lookupBody, publicQuestion } from './schemas.js';
import * as service from './service.js';

export const clientFeedbackRoutes: RouteDef[] = [
  defineRoute({
    id: 'clientFeedback.status',
    method: 'get',
    path: '/api/cases/:id/client-feedback',
    summary: 'Vraag aan de inwoner na afloop: kan het al, is er geantwoord, werkt er nog een link (zonder het antwoord zelf)',
    tags: ['inwoner'],
    access: { kind: 'case', rule: 'caseRole' },
    params: caseIdParams,
    response: { status: 200, schema: feedbackStatus },
    handle: async ({ ctx, params }) => reply(200, await service.status(ctx, params.id)),
  }),
  defineRoute({
    id: 'clientFeedback.link',
    method: 'post',
    path: '/api/cases/:id/client-feedback-link',
    summary: 'Eenmalige link voor de vraag aan de inwoner of familie na een afgesloten casus; alleen de hash wordt bewaard, een nieuwe link vervangt de vorige',
    tags: ['inwoner'],
    access: { kind: 'case', rule: 'caseRole' },
    audit: 'client-feedback.link',
    params: caseIdParams,
    response: { status: 201, schema: linkCreated },
    handle: async ({ ctx, params, auth }) => reply(201, await service.createLink(ctx, params.id, auth!.user.name)),
  }),
  defineRoute({
    id: 'public.clientFeedback.lookup',
    method: 'post',
    path: '/api/public/client-feedback/lookup',
    summary: 'Werkt deze link nog? Geeft de naam van de regio voor de vraag aan de inwoner (zonder account)',
    tags: ['inwoner'],
    access: { kind: 'public' },
    body: lookupBody,
    response: { status: 200, schema: publicQuestion },
    handle: async ({ ctx, body }) => reply(200, await service.lookup(ctx, body.token)),
  }),
  defineRoute({
    id: 'public.clientFeedback.answer',
    method: 'post',
    path: '/api/public/client-feedback',
    summary: 'Het antwoord van de inwoner: een cijfer 1–5 en een korte opmerking; bewaard bij kenmerk en regio, zonder persoonsgegevens; de link werkt daarna niet meer',
    tags: ['inwoner'],
    access: { kind: 'public' },
    body: answerBody,
    response: { status: 204 },
    handle: async ({ ctx, body }) => {
      await service.answer(ctx, body);
      return reply(204, undefined);
    },
  }),
];
