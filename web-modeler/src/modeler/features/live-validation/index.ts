import LintOverlaysModule from '../lint-overlays/index.js';
import LiveValidation from './LiveValidation.js';

export default {
  __depends__: [LintOverlaysModule],
  __init__: ['liveValidation'],
  liveValidation: ['type', LiveValidation],
};
