// The shared real-browser scenarios (scenarios.ts) in Debian's Firefox ESR, driven by puppeteer-core.
import { describe } from 'vitest';
import { describeScenarios } from './scenarios.js';

describe('firefox', () => describeScenarios('firefox'));
