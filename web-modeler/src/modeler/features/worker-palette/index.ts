import WorkerPalette from './WorkerPalette.js';

export default {
  __init__: ['workerPalette'],
  workerPalette: ['type', WorkerPalette],
};
