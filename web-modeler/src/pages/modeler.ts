import { ApiError, type Finding, type ModelVersion, type User, api } from '../api.js';
import { createModeler } from '../modeler/modeler.js';
import { type RegionChoices, withRegionChoices } from '../modeler/region-choices.js';
import type { ElementTemplate } from '../modeler/types.js';
import { canModel } from '../session.js';
import { announce, attempt, formatDateTime, h, showError } from '../ui.js';
import { renderSettingsEditor } from './settings.js';

type VersionWithCount = ModelVersion & { runningInstances: number };
type DiffElement = { id: string; name: string | null; type: string };
type VersionChanges = {
  liveVersion: number | null;
  added: DiffElement[];
  removed: DiffElement[];
  changed: Array<DiffElement & { changes: string[] }>;
  instancesOnOtherVersions: number;
};

const TYPE_NAMES: Record<string, string> = {
  'bpmn:UserTask': 'gebruikerstaak',
  'bpmn:ServiceTask': 'servicetaak',
  'bpmn:SendTask': 'verzendtaak',
  'bpmn:StartEvent': 'startgebeurtenis',
  'bpmn:EndEvent': 'eindgebeurtenis',
  'bpmn:BoundaryEvent': 'randgebeurtenis',
  'bpmn:IntermediateCatchEvent': 'tussengebeurtenis',
  'bpmn:ExclusiveGateway': 'keuze',
  'bpmn:ParallelGateway': 'parallelle gateway',
  'bpmn:SequenceFlow': 'verbinding',
  'bpmn:SubProcess': 'subproces',
};
const describe = (e: DiffElement) => `${e.name ?? e.id} (${TYPE_NAMES[e.type] ?? e.type.replace(/^bpmn:/, '')}, ${e.id})`;

/** The confirmation before deploying: the diff in words and what happens to running cases. */
function renderDeployDialog(version: number, changes: VersionChanges): HTMLDialogElement {
  const list = (title: string, items: DiffElement[], attr: string) =>
    items.length === 0
      ? null
      : h(
          'section',
          { [attr]: '' },
          h('h3', {}, `${title} (${items.length})`),
          h(
            'ul',
            {},
            ...items.map((e) =>
              h(
                'li',
                { 'data-element-id': e.id },
                describe(e),
                'changes' in e ? h('ul', {}, ...(e as { changes: string[] }).changes.map((c) => h('li', {}, c))) : null,
              ),
            ),
          ),
        );
  const nothing = changes.added.length + changes.removed.length + changes.changed.length === 0;
  const open = changes.instancesOnOtherVersions;
  return h(
    'dialog',
    { id: 'deploy-dialog', class: 'deploy-dialog', 'aria-labelledby': 'deploy-dialog-title', 'aria-describedby': 'deploy-dialog-cases' },
    h('h2', { id: 'deploy-dialog-title' }, `Versie ${version} live zetten?`),
    h(
      'p',
      {},
      changes.liveVersion === null
        ? 'Er staat nog geen versie live: alles hieronder is nieuw.'
        : nothing
          ? `Deze versie verschilt inhoudelijk niet van versie ${changes.liveVersion}, die nu live staat.`
          : `Wat verandert tegenover versie ${changes.liveVersion}, die nu live staat:`,
    ),
    list('Toegevoegd', changes.added, 'data-added'),
    list('Verwijderd', changes.removed, 'data-removed'),
    list('Gewijzigd', changes.changed, 'data-changed'),
    h(
      'p',
      { id: 'deploy-dialog-cases', 'data-open-cases': open },
      open === 0
        ? `Er lopen geen casussen op andere versies. Nieuwe meldingen starten op versie ${version}.`
        : `${open} lopende ${open === 1 ? 'casus blijft' : 'casussen blijven'} op ${open === 1 ? 'zijn' : 'hun'} eigen versie doorlopen tot ${open === 1 ? 'hij klaar is' : 'ze klaar zijn'}. Alleen nieuwe meldingen starten op versie ${version}.`,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', 'data-action': 'deploy' }, `Ja, zet versie ${version} live`),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel' }, 'Annuleren'),
    ),
  );
}

/** The policy staff's page: the diagram, its properties, the findings, versions and the region's settings. */
export async function renderModeler(main: HTMLElement, region: string, user: User): Promise<() => void> {
  if (!canModel(user, region)) {
    main.replaceChildren(h('h1', {}, 'Escalatiemodel'), h('p', {}, `Alleen beleidsmedewerkers van ${region} kunnen dit model wijzigen.`));
    return () => undefined;
  }
  const [versions, workerTemplates, regionSettings] = await Promise.all([
    api.get<VersionWithCount[]>(`/api/regions/${region}/models`),
    api.get<ElementTemplate[]>('/api/element-templates'),
    api.get<RegionChoices>(`/api/regions/${region}`),
  ]);
  const templates = withRegionChoices(workerTemplates, regionSettings);

  const canvas = h('div', { class: 'modeler-canvas', id: 'canvas', role: 'application', 'aria-label': 'Diagram van het escalatiemodel' });
  const properties = h('div', { class: 'modeler-properties', id: 'properties' });
  const findingsList = h('ul', { id: 'findings', class: 'findings' });
  const findingsSummary = h('p', { id: 'findings-summary' }, 'Het model wordt gecontroleerd …');
  const openedLabel = h('p', { id: 'opened-version' });
  const versionsBody = h('tbody');
  const comment = h('textarea', { id: 'version-comment', rows: 2, required: true, 'aria-describedby': 'version-comment-hint' });

  const modeler = createModeler({
    canvas,
    propertiesPanel: properties,
    templates,
    validate: async (xml) => (await api.post<{ findings: Finding[] }>(`/api/regions/${region}/models/validate`, { xml })).findings,
  });

  // Candidate groups are chosen from the region's roles; refreshed when the settings are saved.
  const loadRoles = async (settings?: RegionChoices) => {
    const current = settings ?? (await api.get<RegionChoices>(`/api/regions/${region}`));
    modeler.setRoles(region, current.roles.map((r) => ({ id: r.id, name: r.name })));
  };
  await loadRoles(regionSettings);

  // Beginner's mode is on unless this browser's user turned it off: most policy staff never need the rest.
  const BEGINNER_KEY = 'doorzet.modeler.beginner';
  const beginner = h('input', {
    type: 'checkbox',
    id: 'beginner-mode',
    'aria-describedby': 'beginner-mode-hint',
    checked: localStorage.getItem(BEGINNER_KEY) !== 'uit',
    onchange: () => {
      localStorage.setItem(BEGINNER_KEY, beginner.checked ? 'aan' : 'uit');
      modeler.setBeginnerMode(beginner.checked);
      announce(beginner.checked ? 'Eenvoudige weergave: geavanceerde onderdelen verborgen.' : 'Alle onderdelen van de eigenschappen worden getoond.');
    },
  });
  modeler.setBeginnerMode(beginner.checked);

  let lastCount = -1;
  const renderFindings = (findings: Finding[]) => {
    findingsList.replaceChildren(
      ...findings.map((f) =>
        h(
          'li',
          { 'data-element-id': f.elementId, 'data-rule': f.rule },
          f.elementId ? h('button', { type: 'button', class: 'link', onclick: () => modeler.select(f.elementId as string) }, modeler.nameOf(f.elementId)) : 'Hele model',
          ` — ${f.message} `,
          h('span', { class: 'rule' }, `(${f.rule})`),
        ),
      ),
    );
    findingsSummary.textContent = findings.length === 0 ? 'Geen bevindingen: het model voldoet aan de regels.' : `${findings.length} bevinding(en): los deze op voordat u het model live zet.`;
    if (findings.length !== lastCount) announce(findingsSummary.textContent);
    lastCount = findings.length;
  };
  modeler.onFindings(renderFindings);
  modeler.onValidationFailed(() => (findingsSummary.textContent = 'De controle is mislukt; probeer het opnieuw door het model te wijzigen.'));

  const picker = h('select', { id: 'element-picker', onchange: () => picker.value && modeler.select(picker.value) });
  const open = async (xml: string, label: string) => {
    await modeler.importXml(xml);
    picker.replaceChildren(h('option', { value: '' }, '— kies een element —'), ...modeler.elements().map((e) => h('option', { value: e.id }, e.name)));
    openedLabel.textContent = label;
    announce(label);
  };

  const reloadVersions = async () => {
    const list = await api.get<VersionWithCount[]>(`/api/regions/${region}/models`);
    renderVersions(list);
    return list;
  };

  /**
   * 'Zet live' first shows what changes against the live version and how many cases stay on
   * older versions, and deploys only when the user confirms: a deployed model is what every
   * new melding runs from then on.
   */
  const confirmDeploy = async (version: number, opener: HTMLButtonElement) => {
    const changes = await api.get<VersionChanges>(`/api/regions/${region}/models/${version}/changes`);
    const dialog = renderDeployDialog(version, changes);
    document.body.append(dialog);
    const close = () => {
      dialog.close();
      dialog.remove();
      opener.focus();
    };
    dialog.addEventListener('cancel', () => queueMicrotask(close));
    dialog.querySelector<HTMLButtonElement>('[data-action="cancel"]')!.onclick = close;
    dialog.querySelector<HTMLButtonElement>('[data-action="deploy"]')!.onclick = () =>
      void attempt(async () => {
        const deployed = await api.post<ModelVersion>(`/api/regions/${region}/models/${version}/deploy`);
        close();
        await reloadVersions();
        announce(`Versie ${deployed.version} staat live (engineversie ${deployed.engineVersion ?? '?'}).`);
      });
    dialog.showModal();
  };

  const renderVersions = (list: VersionWithCount[]) => {
    const newestDeployed = list.filter((v) => v.deployedAt).sort((a, b) => Date.parse(b.deployedAt ?? '') - Date.parse(a.deployedAt ?? ''))[0];
    versionsBody.replaceChildren(
      ...[...list]
        .sort((a, b) => b.version - a.version)
        .map((v) =>
          h(
            'tr',
            { 'data-version': v.version },
            h('th', { scope: 'row' }, `Versie ${v.version}`),
            h('td', {}, v.author),
            h('td', {}, formatDateTime(v.createdAt)),
            h('td', {}, v.comment),
            h('td', {}, v.deployedAt ? `${newestDeployed?.version === v.version ? 'Live sinds' : 'Live gezet'} ${formatDateTime(v.deployedAt)}` : 'Niet live'),
            h('td', { class: 'number' }, String(v.runningInstances)),
            h(
              'td',
              { class: 'actions' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: () =>
                    void attempt(async () => {
                      const full = await api.get<ModelVersion & { xml: string }>(`/api/regions/${region}/models/${v.version}`);
                      await open(full.xml, `Versie ${v.version} geopend (${v.comment}). Wijzigingen worden een nieuwe versie.`);
                    }),
                },
                'Bekijk',
                h('span', { class: 'visually-hidden' }, ` versie ${v.version}`),
              ),
              h(
                'button',
                {
                  type: 'button',
                  onclick: (event: Event) => void attempt(() => confirmDeploy(v.version, event.currentTarget as HTMLButtonElement)),
                },
                'Zet live',
                h('span', { class: 'visually-hidden' }, `: versie ${v.version}`),
              ),
            ),
          ),
        ),
    );
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const text = comment.value.trim();
    if (!text) {
      showError(new Error('Geef bij het opslaan een toelichting: wat is er veranderd en waarom?'));
      comment.focus();
      return;
    }
    const xml = await modeler.xml();
    try {
      const created = await api.post<ModelVersion>(`/api/regions/${region}/models`, { xml, comment: text });
      comment.value = '';
      await reloadVersions();
      openedLabel.textContent = `Versie ${created.version} (opgeslagen, nog niet live)`;
      announce(`Versie ${created.version} is opgeslagen. Zet haar live om nieuwe meldingen ermee te starten.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.problem.errors)) {
        const findings = error.problem.errors as Finding[];
        modeler.showFindings(findings);
        showError(new Error(`Opslaan geweigerd: ${findings.length} bevinding(en) in het model. Zie de lijst onder het diagram.`));
        findingsSummary.focus();
      } else showError(error);
    }
  };

  const startFromTemplate = async () => {
    // The server copies the template for this region as it does for a new one (bpmn/copy.ts).
    const { xml } = await api.get<{ xml: string }>(`/api/regions/${region}/models/template`);
    await open(xml, 'Sjabloonmodel geopend: pas het aan en sla het op als eerste versie.');
  };

  const settingsSection = h('section', { 'aria-labelledby': 'settings-heading', class: 'settings' });
  const layout = h(
    'div',
    { class: 'modeler-layout' },
    h('section', { 'aria-label': 'Diagram', class: 'modeler-diagram' }, canvas),
    h('aside', { 'aria-label': 'Eigenschappen van het gekozen element' }, properties),
  );
  // Reading a whole ladder needs the whole window: without the properties and the palette, a
  // region's ladder fits a 1400×1000 window at a scale where its names can be read (docs/regions.md).
  // Editing comes back with the properties.
  const diagramOnly = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      id: 'diagram-only',
      'aria-pressed': 'false',
      onclick: () => {
        const on = layout.classList.toggle('diagram-only');
        diagramOnly.setAttribute('aria-pressed', String(on));
        diagramOnly.textContent = on ? 'Eigenschappen tonen' : 'Alleen het diagram';
        modeler.fit({ palette: !on });
        announce(on ? 'Het diagram vult het venster om te lezen; eigenschappen en gereedschap zijn verborgen.' : 'Eigenschappen en gereedschap staan weer naast het diagram.');
      },
    },
    'Alleen het diagram',
  );

  main.replaceChildren(
    h('h1', {}, `Escalatiemodel ${region}`),
    h('p', {}, h('a', { href: '#/nieuwe-regio', id: 'new-region-link' }, 'Nieuwe regio op basis van het sjabloon')),
    openedLabel,
    h('div', { class: 'field' }, h('label', { for: 'element-picker' }, 'Element kiezen (toont de eigenschappen ernaast)'), picker),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'beginner-mode' }, beginner, ' Eenvoudige weergave'),
      h('p', { class: 'hint', id: 'beginner-mode-hint' }, 'Verbergt listeners, extra eigenschappen, invoer/uitvoer en engine-instellingen: onderdelen die een escalatiemodel niet nodig heeft.'),
    ),
    diagramOnly,
    layout,
    h(
      'section',
      { 'aria-labelledby': 'findings-heading' },
      h('h2', { id: 'findings-heading' }, 'Controle van het model'),
      h('div', { 'aria-live': 'polite' }, findingsSummary),
      findingsList,
    ),
    h(
      'section',
      { 'aria-labelledby': 'save-heading' },
      h('h2', { id: 'save-heading' }, 'Opslaan als nieuwe versie'),
      h(
        'form',
        { onsubmit: (e: Event) => void save(e), class: 'inline-form' },
        h('div', { class: 'field' }, h('label', { for: 'version-comment' }, 'Toelichting bij deze versie'), comment, h('p', { id: 'version-comment-hint', class: 'hint' }, 'Wat is er veranderd, en waarom? Collega’s zien dit in de versiegeschiedenis.')),
        h('button', { type: 'submit', id: 'save-version' }, 'Versie opslaan'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void attempt(startFromTemplate) }, 'Begin met het sjabloonmodel'),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'versions-heading' },
      h('h2', { id: 'versions-heading' }, 'Versiegeschiedenis'),
      h(
        'table',
        { id: 'versions' },
        h('thead', {}, h('tr', {}, ...['Versie', 'Door', 'Wanneer', 'Toelichting', 'Status', 'Lopende casussen', 'Acties'].map((c) => h('th', { scope: 'col' }, c)))),
        versionsBody,
      ),
    ),
    settingsSection,
  );

  renderVersions(versions);
  const latest = [...versions].sort((a, b) => b.version - a.version)[0];
  if (latest) {
    const full = await api.get<ModelVersion & { xml: string }>(`/api/regions/${region}/models/${latest.version}`);
    await open(full.xml, `Versie ${latest.version} geopend (${latest.comment}).`);
  } else {
    await startFromTemplate();
  }
  await renderSettingsEditor(settingsSection, region, () => {
    void modeler.validateNow();
    void attempt(() => loadRoles());
  });

  return () => modeler.destroy();
}
