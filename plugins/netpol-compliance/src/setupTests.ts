import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole-app renders are slow when every workspace's tests run in parallel.
configure({ asyncUtilTimeout: 5_000 });
