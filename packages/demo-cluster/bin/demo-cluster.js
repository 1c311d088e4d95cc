#!/usr/bin/env node
/*
 * netpol-demo-cluster: serves Kubernetes manifests read-only in the
 * Kubernetes API wire format. Runs the TypeScript sources directly through
 * the Backstage CLI's node transform (installed with @backstage/cli), so no
 * build step is needed for the demo or for tests.
 */
'use strict';

const path = require('node:path');

require('@backstage/cli/config/nodeTransform.cjs');

require(path.resolve(__dirname, '../src/cli.ts')).main(process.argv.slice(2));
