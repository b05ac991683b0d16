import { afterEach, beforeEach } from 'vitest';
import { resetSettings } from '@/lib/settings/define-settings';

// Settings are parsed once per process; tests change process.env, so each starts from a fresh parse.
beforeEach(() => resetSettings());
afterEach(() => resetSettings());
