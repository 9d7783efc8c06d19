/**
 * What each figure on the dashboard measures, in the words the dashboard shows and the seeds use
 * (seed 001 §6.5–6.6: pick-up and waiting time; seed 000/002: escalation per tier). The SQL in
 * api/metrics/repository.ts computes exactly these; docs/figures.md repeats them with their sources.
 */
export const FIGURE_DEFINITIONS = {
  leadTimes: {
    pickup: {
      label: 'Melding → opgepakt',
      explanation: 'Van de melding tot de eerste handeling (oppakken of afronden) op de stap die het model als "opgepakt" markeert: wie de melding oppakt, niet de melder.',
    },
    waiting: {
      label: 'Opgepakt → besluit (wachttijd)',
      explanation: 'Van het oppakken tot het besluit dat de benodigde hulp in gang zet: een gemarkeerd besluit, of een trede die de casus oplost. Dit is de wachttijd van de Monitor Sociaal Domein (§6.6).',
    },
    waitingHelp: {
      label: 'Opgepakt → hulp ingezet',
      explanation: 'Van het oppakken tot de bevestiging dat de hulp echt is gestart (de stap die het model als "hulp ingezet" markeert).',
    },
    total: {
      label: 'Melding → afgerond',
      explanation: 'Van de melding tot het afsluiten van de casus (casusregie terug, doorverwezen of gesloten).',
    },
  },
  tiers: {
    timeSpent: 'Hoe lang casussen op de trede waren: van aankomst tot op- of afschalen of afsluiten (open casussen: tot nu).',
    escalatedInto: 'Hoe vaak een casus naar deze trede is opgeschaald, door een persoon of automatisch.',
    automatic: 'Waarvan automatisch: de termijn van de trede eronder verliep.',
    solvedHere: 'Casussen die op deze trede zijn opgelost en afgesloten.',
    decidedHere: 'Casussen die op deze trede met een besluit zijn afgesloten.',
    highestFor: 'Casussen waarvoor dit de hoogste trede was.',
  },
  period: 'Alle cijfers behalve "open per trede" gaan over de casussen die in de gekozen periode zijn gemeld.',
} as const;
