// The tests' own package: never built, bundled or published. Its helper
// modules (src/**/*.ts that are not tests) import devDependencies as tests
// do, and may use __dirname (no production build moves them).
module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // Type-checked by test/pack against the packed packages, not this package.
  ignorePatterns: ['pack/consumer/'],
  overrides: [
    {
      files: ['src/**/*.ts'],
      excludedFiles: ['src/**/*.test.ts'],
      rules: {
        '@backstage/no-undeclared-imports': 'off',
        // The helpers assemble backends from plugins, as a backend package
        // does; this package is a node-library only so that it is built by
        // nothing.
        '@backstage/no-mixed-plugin-imports': 'off',
        'no-restricted-syntax': 'off',
      },
    },
  ],
});
