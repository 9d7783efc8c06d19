/**
 * bpmnlint and its Camunda plugin report in English; policy staff read the findings beside
 * the diagram, so each message is said again in Dutch. Exact messages first, then patterns
 * for the messages that name an element type or property; anything else still gets a Dutch
 * sentence with the original in brackets, so nothing is lost when a new version adds a message.
 */

const EXACT: Record<string, string> = {
  'Element is missing bpmndi': 'Dit element staat niet in de tekening (diagramgegevens ontbreken): teken het opnieuw of verwijder het.',
  'Element is missing label/name': 'Dit element heeft geen naam: geef het een naam die zegt wat er gebeurt.',
  'Element is missing name': 'Dit bericht, signaal, deze fout of escalatie heeft geen naam.',
  'Element is unused': 'Dit bericht, signaal, deze fout of escalatie wordt nergens gebruikt: verwijder het.',
  'Element name is not unique': 'Deze naam komt vaker voor: geef elk bericht, signaal, fout of escalatie een eigen naam.',
  'Element is not connected': 'Dit element is met niets verbonden.',
  'Element is an implicit end': 'Hier houdt het proces op zonder eindgebeurtenis: verbind het met een eindgebeurtenis.',
  'Element is an implicit start': 'Hier begint het proces zonder startgebeurtenis: verbind het met een startgebeurtenis of een voorgaande stap.',
  'Flow splits implicitly': 'Hier splitst het proces zonder keuze (gateway): gebruik een gateway als er meer dan één pad uitgaat.',
  'Incoming flows do not join': 'De binnenkomende verbindingen komen hier niet samen: laat ze eerst in een gateway samenkomen.',
  'Gateway forks and joins': 'Deze gateway voegt samen én splitst: gebruik er twee, één om samen te voegen en één om te splitsen.',
  'Gateway is superfluous. It only has one source and target.': 'Deze gateway is overbodig: er komt één verbinding in en één uit.',
  'Sequence flow is missing condition': 'Deze verbinding uit een keuze heeft geen voorwaarde.',
  'Sequence flow has superfluous label': 'Deze verbinding heeft een naam die niets toevoegt.',
  'SequenceFlow is a duplicate': 'Deze verbinding bestaat twee keer.',
  'Duplicate outgoing sequence flows': 'Er gaan twee gelijke verbindingen uit dit element.',
  'Duplicate incoming sequence flows': 'Er komen twee gelijke verbindingen in dit element.',
  'Conditional event is missing a condition': 'Deze voorwaardegebeurtenis heeft geen voorwaarde.',
  'Start event is missing event definition': 'Deze startgebeurtenis van een gebeurtenissubproces zegt niet waarop ze wacht (bericht, tijd, …).',
  'Start event must be blank': 'De startgebeurtenis van een subproces mag nergens op wachten.',
  'Event has multiple event definitions': 'Deze gebeurtenis wacht op meer dan één ding tegelijk: kies er één.',
  'Element overlaps with other element': 'Dit element ligt over een ander element heen.',
  'Element is outside of parent boundary': 'Dit element ligt buiten het (sub)proces waar het bij hoort.',
  'Link event is missing link name': 'Deze koppeling heeft geen naam.',
  'Termination is superfluous.': 'Deze "alles beëindigen"-eindgebeurtenis is overbodig: een gewone eindgebeurtenis volstaat.',
  'An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>': 'Een keuze op gebeurtenis heeft minstens twee uitgaande verbindingen nodig.',
  'A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional': 'Een verbinding uit een keuze op gebeurtenis mag geen voorwaarde hebben.',
  'A <Start Event> is not allowed in <Ad Hoc Sub Process>': 'Een ad-hoc subproces mag geen startgebeurtenis hebben.',
  'An <End Event> is not allowed in <Ad Hoc Sub Process>': 'Een ad-hoc subproces mag geen eindgebeurtenis hebben.',
};

const PATTERNS: Array<[RegExp, (...groups: string[]) => string]> = [
  [/^(.+) is missing end event$/, () => 'Het proces heeft geen eindgebeurtenis.'],
  [/^(.+) is missing start event$/, () => 'Het proces heeft geen startgebeurtenis.'],
  [/^(.+) has multiple blank start events$/, () => 'Het proces heeft meer dan één gewone startgebeurtenis: houd er één.'],
  [/^Element type <(.+)> is discouraged$/, (type) => `Elementsoort ${type} is afgeraden: gebruik een andere soort.`],
  [/^Duplicate link catch event with link name <(.*)> in scope$/, (name) => `Koppelingnaam "${name}" komt hier twee keer voor.`],
  [/^Link catch event with link name <(.*)> missing in scope$/, (name) => `Er is geen vangende koppeling met de naam "${name}".`],
  [/^Element of type <(.+?)> must have property <(.+?)> if it has property <(.+?)>$/, (type, p, q) => `Een element van soort ${type} met eigenschap ${q} moet ook eigenschap ${p} hebben.`],
  [/^Element of type <(.+?)> must have property (.+)$/, (type, p) => `Een element van soort ${type} moet eigenschap ${p.replaceAll(' or ', ' of ')} hebben.`],
  [/^Element of type <(.+?)> must have one extension element of type (.+)$/, (type, t) => `Een element van soort ${type} moet precies één uitbreiding van soort ${t.replaceAll(' or ', ' of ')} hebben.`],
  [/^Property <(.+?)> must have value of <(.+?)>$/, (p, v) => `Eigenschap ${p} moet de waarde ${v} hebben.`],
  [/^Property <(.+?)> must have expression value$/, (p) => `Eigenschap ${p} moet een expressie zijn.`],
  [/^Element of type <(.+?)>.* only allowed by Camunda (.+?)( or newer)?\.?$/, (type, version) => `Een element van soort ${type} zoals hier kan pas vanaf Camunda ${version}; Operaton voert het niet uit.`],
  [/^Extension element of type <(.+?)> only allowed by Camunda (.+?)( or newer)?\.?$/, (type, version) => `Uitbreiding ${type} kan pas vanaf Camunda ${version}; Operaton voert het niet uit.`],
  [/^Element of type <(.+?)> not supported by (.+)$/, (type, platform) => `Een element van soort ${type} wordt niet ondersteund door ${platform}.`],
  [/^Properties of type <(.+?)> have .*duplicate/, (type) => `Eigenschappen van soort ${type} hebben dubbele waarden.`],
];

/** The Dutch for a bpmnlint report; `rule` is named in the fallback so an unknown message still says which check it was. */
export function dutchLintMessage(rule: string, message: string): string {
  const exact = EXACT[message.trim()];
  if (exact) return exact;
  for (const [pattern, say] of PATTERNS) {
    const match = pattern.exec(message.trim());
    if (match) return say(...match.slice(1).map((g) => g ?? ''));
  }
  return `Het model voldoet niet aan modelleerregel "${rule}" (${message}).`;
}
