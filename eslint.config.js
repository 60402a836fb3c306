// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import { builtinModules } from 'node:module';

/** Adapters around the pure domain core (DESIGN.md "Shape"). */
const ADAPTERS = ['store', 'services', 'server', 'web', 'ingest', 'render', 'cli'];

/**
 * The domain core is pure: no I/O, no database driver, no clock, no randomness.
 * Exported so test/integration/architecture.test.ts can prove the rule bites.
 */
export const coreBoundary = {
  files: ['src/core/**/*.ts'],
  plugins: { 'import-x': importX },
  rules: {
    'import-x/no-restricted-paths': [
      'error',
      {
        zones: ADAPTERS.map((adapter) => ({
          target: './src/core',
          from: `./src/${adapter}`,
          message: '领域核心（src/core）不得依赖适配器；请把 I/O 放到适配器里，由适配器调用核心。',
        })),
      },
    ],
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${ADAPTERS.join('|')})(/|$)`,
            message:
              '领域核心（src/core）不得依赖适配器；请把 I/O 放到适配器里，由适配器调用核心。',
          },
          {
            regex: '^node:',
            message: '领域核心不得使用 Node 内置模块（I/O）。',
          },
          {
            // Every Node built-in, bare or with a subpath (fs/promises, stream/web, …).
            regex: `^(${builtinModules.map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?$`,
            message: '领域核心不得使用 Node 内置模块（I/O）。',
          },
          {
            regex:
              '^(better-sqlite3|pg|kysely|fastify|@fastify/.*|playwright-core|docx|mammoth|pdfjs-dist|exceljs|argon2|iconv-lite|pino|commander|cli-progress|react|react-dom)(/.*)?$',
            message: '领域核心不得依赖数据库驱动、框架或文档库；这些属于适配器。',
          },
        ],
      },
    ],
    'no-restricted-globals': [
      'error',
      { name: 'process', message: '领域核心不得读取进程环境；请把配置作为参数传入。' },
      { name: 'fetch', message: '领域核心不得发起网络请求。' },
      { name: 'crypto', message: '领域核心不使用隐式随机数或加密：请把所需的值作为参数传入。' },
      { name: 'performance', message: '领域核心没有时钟：请把“今天”作为参数传入。' },
      { name: 'setTimeout', message: '领域核心不等待：定时属于适配器。' },
      { name: 'setInterval', message: '领域核心不等待：定时属于适配器。' },
      { name: 'Buffer', message: '领域核心只处理纯数据；字节处理属于适配器。' },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
        message: '领域核心没有时钟：请把“今天”作为参数传入。',
      },
      {
        selector: "NewExpression[callee.name='Date'][arguments.length=0]",
        message: '领域核心没有时钟：请把“今天”作为参数传入。',
      },
      {
        selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
        message: '领域核心不使用隐式随机数：请把随机源作为参数传入。',
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test/fixtures/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
    settings: {
      'import-x/resolver': { typescript: true, node: true },
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  coreBoundary,
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
