import { z } from 'zod';
import { KNELPUNTEN, KNELPUNT_LABELS, knelpuntList } from './knelpunten.js';
import { tierOutcome } from './process.js';

/**
 * The forms of the user tasks, by `camunda:formKey`. The API validates a completion with the
 * schema and hands the engine only the values its model reads (api/tasks/service.ts); the web
 * app renders the fields. The labels ask for no names or health details all the same.
 */

export type FieldType = 'text' | 'textarea' | 'select' | 'multiselect' | 'boolean' | 'date';
export type FormField = { name: string; label: string; type: FieldType; options?: { value: string; label: string }[] };
export type TaskForm = { label: string; schema: z.ZodObject; fields: FormField[] };

const toelichting = z.string().trim().min(1, 'Vul een toelichting in').max(2000);
const party = z.string().trim().min(1, 'Noem de verantwoordelijke partij').max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum als JJJJ-MM-DD');
const NO_PERSONAL_DATA = ' (geen namen of gezondheidsgegevens)';

const knelpuntOptions = KNELPUNTEN.map((value) => ({ value, label: KNELPUNT_LABELS[value] }));

const outcomeOptions = [
  { value: 'opgelost', label: 'Opgelost: casusregie terug' },
  { value: 'opschalen', label: 'Opschalen naar de volgende trede' },
  { value: 'afschalen', label: 'Afschalen naar de vorige trede' },
];

export const taskForms = {
  beoordelen: {
    label: 'Los op of schaal op',
    schema: z.object({ outcome: tierOutcome, toelichting }).strict(),
    fields: [
      { name: 'outcome', label: 'Uitkomst', type: 'select', options: outcomeOptions },
      { name: 'toelichting', label: `Toelichting${NO_PERSONAL_DATA}`, type: 'textarea' },
    ],
  },
  besluit: {
    label: 'Besluit: verantwoordelijke partij aanwijzen',
    schema: z.object({ responsibleParty: party, rationale: toelichting, knelpunten: knelpuntList.optional() }).strict(),
    fields: [
      { name: 'responsibleParty', label: 'Per direct verantwoordelijke partij (organisatie)', type: 'text' },
      { name: 'rationale', label: `Onderbouwing van het besluit${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'knelpunten', label: 'Knelpunten die deze casus liet zien (voor het leerproces)', type: 'multiselect', options: knelpuntOptions },
    ],
  },
  'bindend-advies': {
    label: 'Bindend advies: welke hulp en wie die inzet',
    schema: z
      .object({ outcome: z.enum(['advies', 'opschalen']), responsibleParty: party.optional(), rationale: toelichting, knelpunten: knelpuntList.optional() })
      .strict()
      // An advice that binds names who starts the help; without it the case has no one to hold to it.
      .refine((v) => v.outcome !== 'advies' || v.responsibleParty !== undefined, {
        message: 'Noem de partij die de hulp inzet',
        path: ['responsibleParty'],
      }),
    fields: [
      {
        name: 'outcome',
        label: 'Uitkomst',
        type: 'select',
        options: [
          { value: 'advies', label: 'Bindend advies uitgebracht: de hulp wordt ingezet' },
          { value: 'opschalen', label: 'Geen oplossing op lokaal niveau: naar het regionaal expertteam' },
        ],
      },
      { name: 'responsibleParty', label: 'Partij die de hulp inzet (bij bindend advies)', type: 'text' },
      { name: 'rationale', label: `Het advies: welke hulp, wie doet wat${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'knelpunten', label: 'Knelpunten die deze casus liet zien (voor het leerproces)', type: 'multiselect', options: knelpuntOptions },
    ],
  },
  voortgang: {
    label: 'Voortgang melden',
    schema: z.object({ helpStarted: z.boolean(), toelichting }).strict(),
    fields: [
      { name: 'helpStarted', label: 'De benodigde hulp is gestart', type: 'boolean' },
      { name: 'toelichting', label: `Verloop${NO_PERSONAL_DATA}`, type: 'textarea' },
    ],
  },
  // Almere (seed 001 §2): the brandpuntfunctionaris has no mandate to issue a beschikking; the
  // gemeente arranges them afterwards for what the parties agreed. Nothing here routes the model.
  beschikkingen: {
    label: 'Beschikkingen regelen',
    schema: z.object({ toelichting }).strict(),
    fields: [{ name: 'toelichting', label: `Welke beschikkingen zijn afgegeven, voor welke hulp en welke aanbieder${NO_PERSONAL_DATA}`, type: 'textarea' }],
  },
  'contact-aanvullen': {
    label: 'Contactgegevens aanvullen',
    schema: z.object({ toelichting }).strict(),
    fields: [{ name: 'toelichting', label: 'Welke contactgegevens zijn aangevuld in de regio-instellingen?', type: 'textarea' }],
  },
  'overleg-uitkomst': {
    label: 'Uitkomst bestuurlijk escalatie overleg',
    schema: z
      .object({ outcome: z.enum(['opgelost', 'opschalen', 'afschalen']), responsibleParty: party.optional(), toelichting })
      .strict()
      .refine((v) => v.outcome !== 'opgelost' || v.responsibleParty !== undefined, {
        message: 'Noem de partij die verantwoordelijk is gesteld',
        path: ['responsibleParty'],
      }),
    fields: [
      {
        name: 'outcome',
        label: 'Uitkomst van het overleg',
        type: 'select',
        options: [
          { value: 'opgelost', label: 'Opgelost: partners nemen een oplossing op zich' },
          { value: 'opschalen', label: 'Niet opgelost: verzoek aan de minister (trede 4)' },
          { value: 'afschalen', label: 'Afspraken gemaakt: de bovenregionale tafel zet de casus voort (trede 2)' },
        ],
      },
      { name: 'responsibleParty', label: 'Verantwoordelijke partij (bij opgelost)', type: 'text' },
      { name: 'toelichting', label: `Afspraken${NO_PERSONAL_DATA}`, type: 'textarea' },
    ],
  },
  // The fixed format of seed 003 (advies 2). Nothing here routes the model: the API keeps it in
  // `feedback_form` and the report after the hand-back is built from it (domain/feedback.ts).
  terugkoppeling: {
    label: 'Terugkoppeling volgens vast format',
    schema: z
      .object({
        datumOverleg: isoDate,
        verantwoordelijkeGemeente: party,
        partners: z.string().trim().min(1, 'Noem de partners die aan tafel zaten').max(1000),
        oplossing: z.enum(['gevonden', 'niet-gevonden']),
        oplossingOmschrijving: z.string().trim().max(2000).optional(),
        afspraken: toelichting,
        ontbrekendAanbod: z.string().trim().max(1000).optional(),
        knelpunten: knelpuntList.optional(),
      })
      .strict()
      .refine((v) => v.oplossing !== 'gevonden' || (v.oplossingOmschrijving ?? '') !== '', {
        message: 'Beschrijf de oplossing die gevonden is',
        path: ['oplossingOmschrijving'],
      }),
    fields: [
      { name: 'datumOverleg', label: 'Datum waarop het bestuurlijk escalatie overleg is gehouden', type: 'date' },
      { name: 'verantwoordelijkeGemeente', label: 'Verantwoordelijke gemeente', type: 'text' },
      { name: 'partners', label: 'Partners aan tafel (organisaties, met of zonder mandaat)', type: 'textarea' },
      {
        name: 'oplossing',
        label: 'Oplossing',
        type: 'select',
        options: [
          { value: 'gevonden', label: 'Gevonden' },
          { value: 'niet-gevonden', label: 'Niet gevonden' },
        ],
      },
      { name: 'oplossingOmschrijving', label: `Welke oplossing (bij gevonden)${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'afspraken', label: `Gemaakte afspraken: wie doet wat en wanneer${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'ontbrekendAanbod', label: `Ontbrekend aanbod in de regio: wat was er niet${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'knelpunten', label: 'Knelpunten die deze casus liet zien (voor het leerproces)', type: 'multiselect', options: knelpuntOptions },
    ],
  },
  'verzoek-minister': {
    label: 'Verzoek om bindend besluit aan de minister',
    schema: z.object({ samenvatting: toelichting, verzondenOp: isoDate }).strict(),
    fields: [
      { name: 'samenvatting', label: `Samenvatting van het verzoek${NO_PERSONAL_DATA}`, type: 'textarea' },
      { name: 'verzondenOp', label: 'Verzonden op', type: 'date' },
    ],
  },
} satisfies Record<string, TaskForm>;

export type FormName = keyof typeof taskForms;

export const isFormName = (name: string): name is FormName => Object.hasOwn(taskForms, name);
