import { z } from 'zod';

// zod's JIT probes `new Function` while schemas are built, which the API's Content-Security-Policy
// (no 'unsafe-eval') forbids. Imported before any module that defines a schema.
z.config({ jitless: true });
