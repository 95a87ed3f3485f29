// Lint rules, including the dependency direction between layers (docs/decisions/001-layout.md).
import tseslint from 'typescript-eslint';

const productAreas = [
  'spec', 'util', 'telemetry', 'providers', 'embeddings', 'tools', 'classifier', 'streaming',
  'cache', 'router', 'speculation', 'agent', 'config', 'server', 'cli',
];

// What each area of src/ may import besides itself. Lower layers never import higher ones.
const allowed = {
  spec: [],
  util: ['spec'],
  telemetry: ['spec', 'util'],
  providers: ['spec', 'util', 'telemetry'],
  embeddings: ['spec', 'util', 'telemetry'],
  tools: ['spec', 'util', 'telemetry'],
  classifier: ['spec', 'util', 'telemetry'],
  streaming: ['spec', 'util', 'telemetry'],
  cache: ['spec', 'util', 'telemetry', 'embeddings'],
  router: ['spec', 'util', 'telemetry', 'providers', 'classifier'],
  speculation: ['spec', 'util', 'telemetry', 'tools'],
  agent: ['spec', 'util', 'telemetry', 'providers', 'embeddings', 'tools', 'classifier', 'streaming', 'cache', 'router', 'speculation'],
  config: ['spec', 'util', 'telemetry', 'providers', 'embeddings', 'tools', 'classifier', 'streaming', 'cache', 'router', 'speculation', 'agent'],
  server: ['spec', 'util', 'telemetry', 'providers', 'embeddings', 'tools', 'classifier', 'streaming', 'cache', 'router', 'speculation', 'agent', 'config'],
  cli: ['spec', 'util', 'telemetry', 'providers', 'embeddings', 'tools', 'classifier', 'streaming', 'cache', 'router', 'speculation', 'agent', 'config', 'server'],
};

const outsideProduct = {
  regex: '(^|/)(sim|bench|dashboard|test)(/|$)',
  message: 'Product code (src/) never imports the simulator, the benchmark, the dashboard or tests.',
};

function areaRules(area) {
  const forbidden = productAreas.filter((other) => other !== area && !allowed[area].includes(other));
  const patterns = [outsideProduct];
  if (forbidden.length > 0) {
    patterns.push({
      regex: `^\\.\\.?/(\\.\\./)*(${forbidden.join('|')})(/|$)`,
      message: `src/${area} may import only: ${allowed[area].join(', ') || 'nothing'} (see docs/decisions/001-layout.md).`,
    });
  }
  if (area === 'spec') {
    patterns.push({ regex: '^(?!zod$)[^.]', message: 'src/spec holds types only and imports no packages (zod types excepted).' });
  }
  return {
    files: [`src/${area}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'bench-results/**', 'dashboard/public/vendor/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'No focused tests.' },
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
  ...productAreas.map(areaRules),
  {
    files: ['src/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideProduct] }] },
  },
  {
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)bench(/|$)', message: 'The simulator never imports the benchmark.' },
        { regex: '(^|/)src/(?!index\\.js$)', message: 'The simulator uses only the public API (src/index.ts).' },
      ] }],
    },
  },
  {
    files: ['demo/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)bench(/|$)', message: 'The demo never imports the benchmark.' },
        { regex: '(^|/)src/(?!index\\.js$)', message: 'The demo uses only the public API (src/index.ts).' },
        { regex: '(^|/)sim/(?!index\\.js$)', message: 'The demo uses only the simulator\'s public API (sim/index.ts).' },
      ] }],
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '(^|/)src/(?!index\\.js$)', message: 'The benchmark uses only the public API (src/index.ts).' },
        { regex: '(^|/)sim/(?!index\\.js$)', message: 'The benchmark uses only the simulator\'s public API (sim/index.ts).' },
        { regex: '(^|/)demo/(?!index\\.js$)', message: 'The benchmark uses only the demo\'s public API (demo/index.ts).' },
      ] }],
    },
  },
);
