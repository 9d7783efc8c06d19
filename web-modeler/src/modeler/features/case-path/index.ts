import CasePath from './CasePath.js';

export default {
  __init__: ['casePath'],
  casePath: ['type', CasePath],
};
