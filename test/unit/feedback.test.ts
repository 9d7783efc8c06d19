import { expect, test } from 'vitest';
import { type FeedbackFacts, buildFeedbackReport, feedbackMailLines, meetingWords } from '../../domain/feedback.js';
import { taskForms } from '../../domain/task-forms.js';

const filledIn = {
  datumOverleg: '2026-03-02',
  verantwoordelijkeGemeente: 'Gemeente Voorbeeld',
  partners: 'Ggz-aanbieder Oost, zorgverzekeraar',
  oplossing: 'gevonden',
  oplossingOmschrijving: 'Plek in beschermd wonen',
  afspraken: 'Aanbieder start binnen twee weken',
  ontbrekendAanbod: 'Beschermd wonen met ggz-begeleiding',
  knelpunten: ['geen-passend-aanbod'],
};

test('the fixed format asks for the real meeting date, the partners, the solution, the agreements and the missing provision', () => {
  const schema = taskForms.terugkoppeling.schema;
  expect(schema.parse(filledIn)).toEqual(filledIn);
  // Nothing missing is fine, and no solution needs no description.
  const { ontbrekendAanbod: _missing, oplossingOmschrijving: _description, knelpunten: _k, ...bare } = filledIn;
  expect(schema.safeParse({ ...bare, oplossing: 'niet-gevonden' }).success).toBe(true);
  const issues = (value: Record<string, unknown>) => schema.safeParse(value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
  expect(issues({ ...bare })).toEqual([['oplossingOmschrijving', 'Beschrijf de oplossing die gevonden is']]);
  expect(issues({ ...filledIn, datumOverleg: '2-3-2026' })).toEqual([['datumOverleg', 'Datum als JJJJ-MM-DD']]);
  expect(issues({ ...filledIn, partners: ' ' })).toEqual([['partners', 'Noem de partners die aan tafel zaten']]);
  expect(issues({ ...filledIn, afspraken: '' })).toEqual([['afspraken', 'Vul een toelichting in']]);
  expect(issues({ ...filledIn, ontbrekendAanbod: 'x'.repeat(1001) }).map(([path]) => path)).toEqual(['ontbrekendAanbod']);
  expect(issues({ ...filledIn, naam: 'Iemand' }).map(([path]) => path)).toEqual(['']);
});

const facts: FeedbackFacts = {
  caseId: 'c1',
  caseReference: 'DZ-2026-000007',
  tierReached: 4,
  status: 'decided',
  responsibleParty: 'Ggz-aanbieder Oost',
  knelpunten: ['wachtlijst', 'financiering'],
  meetingProposedStart: new Date('2026-02-27T08:00:00.000Z'),
  deadlinePassed: false,
};

test('the report joins the form with the case: knelpunten of both, each once, the form\'s date before the planned one', () => {
  const report = buildFeedbackReport(facts, {
    taskKey: 't1',
    meetingHeldOn: '2026-03-02',
    responsibleMunicipality: 'Gemeente Voorbeeld',
    partners: 'Ggz-aanbieder Oost',
    solution: 'niet-gevonden',
    solutionDescription: null,
    agreements: 'Verzoek aan de minister',
    missingProvision: null,
    knelpunten: ['wachtlijst', 'geen-passend-aanbod'],
  });
  expect(report.knelpunten).toEqual(['financiering', 'geen-passend-aanbod', 'wachtlijst']);
  expect(meetingWords(report)).toBe('2 maart 2026');
  expect(feedbackMailLines(report).slice(3)).toEqual([
    '3. Stand van de casus: besloten',
    '4. Datum bestuurlijk escalatie overleg: 2 maart 2026',
    '5. Termijn van het overleg: binnen de termijn',
    '6. Verantwoordelijke gemeente: Gemeente Voorbeeld',
    '7. Oplossing: niet gevonden',
    '8. Verantwoordelijke partij: Ggz-aanbieder Oost',
    '9. Ontbrekend aanbod: geen benoemd',
    '10. Knelpunten in het aanbod: Financiering: wie betaalt, Geen passend aanbod, Wachtlijst',
  ]);
});

test('without a form (trede 3 ran out of time) the report keeps the same lines and says what is unknown', () => {
  const report = buildFeedbackReport({ ...facts, deadlinePassed: true, knelpunten: [] }, undefined);
  expect(report).toMatchObject({ meetingHeldOn: null, solution: null, agreements: null, missingProvision: null, formTaskKey: null, deadlinePassed: true });
  const lines = feedbackMailLines(report);
  expect(lines).toHaveLength(11);
  expect(lines).toContain('4. Datum bestuurlijk escalatie overleg: niet vastgelegd (gepland op 27 februari 2026)');
  expect(lines).toContain('6. Verantwoordelijke gemeente: onbekend: de terugkoppeling is niet ingevuld');
  expect(lines).toContain('10. Knelpunten in het aanbod: geen benoemd');
});
