// One lint setup for the whole workspace. The import rules enforce the dependency direction of DESIGN.md:
// routes -> dialogue -> {nlu, content, privacy, store}; jobs -> {privacy, store}; nlu and privacy import nothing
// of ours except protocol; widget and admin import only protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Benchmarks print their results.
    files: ['bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Migrations must not depend on today's schema types: they describe the schema as it was.
    files: ['packages/server/src/store/migrat*'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/server/src/store/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layer(['packages/protocol/**'], ['@kommunechat/*', '../../*'], 'protocol imports nothing of ours.'),
  layer(
    ['packages/widget/src/**', 'packages/admin/src/**'],
    ['@kommunechat/server', '@kommunechat/server/*', '**/server/**'],
    'widget and admin import only protocol.',
  ),
  layer(
    ['packages/server/src/nlu/**', 'packages/server/src/privacy/**'],
    [
      '../store/*',
      '../../store/*',
      '../server/*',
      '../../server/*',
      '../dialogue/*',
      '../../dialogue/*',
      '../content/*',
      '../../content/*',
      '../jobs/*',
      '../../jobs/*',
      '../config/*',
      '../../config/*',
      '../runtime.ts',
      '../../runtime.ts',
    ],
    'nlu and privacy are pure: they import nothing of ours except protocol.',
  ),
  layer(
    ['packages/server/src/store/**', 'packages/server/src/content/**'],
    ['../server/*', '../../server/*', '../dialogue/*', '../../dialogue/*', '../jobs/*', '../../jobs/*'],
    'store and content sit below dialogue, jobs and routes.',
  ),
  layer(
    ['packages/server/src/dialogue/**'],
    ['../server/*', '../../server/*', '../jobs/*', '../../jobs/*'],
    'dialogue sits below the routes and does not run jobs.',
  ),
  layer(
    ['packages/server/src/jobs/**'],
    ['../server/*', '../../server/*', '../dialogue/*', '../../dialogue/*', '../nlu/*', '../../nlu/*'],
    'jobs depend on privacy and store only.',
  ),
);
