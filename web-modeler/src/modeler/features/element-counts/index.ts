import ElementCounts from './ElementCounts.js';

export default {
  __init__: ['elementCounts'],
  elementCounts: ['type', ElementCounts],
};
