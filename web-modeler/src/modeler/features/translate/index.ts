import { translateNl } from './nl.js';

/** Replaces bpmn-js's identity `translate` service: every component asks it for its text. */
export default {
  translate: ['value', translateNl],
};
