import path from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    // bpmn-js and the properties panel are large by nature; one chunk keeps start-up simple.
    chunkSizeWarningLimit: 4000,
  },
  server: {
    // `npm run dev:web` next to `npm start`: the API stays on its own port.
    proxy: { '/api': 'http://localhost:3000' },
  },
});
