// React and react-reconciler choose their build from NODE_ENV when first loaded, and a CLI run is not
// development: without this line React's development build about doubles the dashboard's CPU time
// (bench/dashboard-cpu.tsx). `??=` leaves an explicit NODE_ENV alone. Imported first by
// render-dashboard.tsx, so it runs before Ink and React load; tests that import components directly
// keep the development build and its warnings.
process.env['NODE_ENV'] ??= 'production';
