import DoorzetProperties from './DoorzetProperties.js';

export default {
  __init__: ['doorzetProperties'],
  doorzetProperties: ['type', DoorzetProperties],
};
