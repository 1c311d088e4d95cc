// Loaded by run.mjs from the consumer folder: the ES module build of common.
import { CONTROLS } from '@netpol/plugin-netpol-compliance-common';

export const ok = Array.isArray(CONTROLS) && CONTROLS.length >= 6;
