import CasePosition from './CasePosition.js';

export default {
  __init__: ['casePosition'],
  casePosition: ['type', CasePosition],
};
