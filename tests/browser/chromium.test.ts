// The shared real-browser scenarios (scenarios.ts) in Debian's Chromium, driven by playwright-core.
import { describe } from 'vitest';
import { describeScenarios } from './scenarios.js';

describe('chromium', () => describeScenarios('chromium'));
