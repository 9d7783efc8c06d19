import LintOverlays from './LintOverlays.js';

export default {
  __init__: ['lintOverlays'],
  lintOverlays: ['type', LintOverlays],
};
