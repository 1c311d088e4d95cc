import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole-app renders are slow when every workspace's tests run in parallel.
configure({ asyncUtilTimeout: 15_000 });

// Whole-app renders are slow on a loaded 2-core CI machine running every
// package's tests at once; a timeout here would fail for the wrong reason.
jest.setTimeout(30_000);
