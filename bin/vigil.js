#!/usr/bin/env node
// The installed entry point. Vigil ships TypeScript sources and runs them through tsx's
// loader, so `npm ci && npx vigil` needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
