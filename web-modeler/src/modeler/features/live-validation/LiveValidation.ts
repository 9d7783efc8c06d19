import type { EventBus, Finding } from '../../types.js';
import { FINDINGS_EVENT } from '../lint-overlays/LintOverlays.js';

export type LiveValidationConfig = {
  /** Validates the current XML (the API runs the same bpmnlint rules as the deploy check). */
  validate(xml: string): Promise<Finding[]>;
  delayMs?: number;
};

type XmlSource = { saveXML(options: { format: boolean }): Promise<{ xml?: string }> };

/**
 * Validates the diagram shortly after every edit. Only the newest answer counts: a slow
 * response for an older state of the diagram is dropped rather than shown over a newer one.
 */
export default class LiveValidation {
  static $inject = ['eventBus', 'bpmnjs', 'config.liveValidation'];

  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(
    private readonly eventBus: EventBus,
    private readonly bpmnjs: XmlSource,
    private readonly config: LiveValidationConfig | undefined,
  ) {
    if (!config) return;
    eventBus.on(['commandStack.changed', 'import.done'], () => this.schedule());
    eventBus.on('diagram.destroy', () => clearTimeout(this.timer));
  }

  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.config?.delayMs ?? 600);
  }

  async run(): Promise<Finding[]> {
    if (!this.config) return [];
    const generation = ++this.generation;
    this.eventBus.fire('doorzet.validation.started');
    const { xml } = await this.bpmnjs.saveXML({ format: true });
    try {
      const findings = await this.config.validate(xml ?? '');
      if (generation === this.generation) this.eventBus.fire(FINDINGS_EVENT, { findings });
      return findings;
    } catch (error) {
      if (generation === this.generation) this.eventBus.fire('doorzet.validation.failed', { error });
      return [];
    }
  }
}
