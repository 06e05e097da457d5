import { createRequire } from 'node:module';

/**
 * Asks for React's production build, unless NODE_ENV is set or a React package is already loaded
 * (a development `react` under a production reconciler renders nothing). React picks its build
 * when first loaded, and a CLI run is not development: the development build about doubles the
 * dashboard's CPU (bench/dashboard-cpu.tsx). Must run before Ink is imported: CommonJS packages
 * that an ES module imports statically are loaded before that module's body runs.
 */
export function preferProductionReact(): void {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  if (loaded.some((path) => /[\\/]node_modules[\\/](react|react-reconciler)[\\/]/.test(path))) return;
  process.env['NODE_ENV'] ??= 'production';
}
