// Runs in the packed-install app: requires the CommonJS build of every package, including the
// browser and React packages, which must load in Node, where `window` is undefined.
const assert = require('node:assert/strict');

const expectedFunctions = [
  ['@4site/monitor-core', ['createMonitor', 'defineEvent']],
  ['@4site/monitor-business', ['trackLead', 'trackReferral']],
  ['@4site/monitor-browser', ['initMonitor']],
  ['@4site/monitor-react', ['MonitorProvider', 'useMonitor']],
  ['@4site/monitor-node', ['initMonitor']],
  ['@4site/monitor-express', ['monitorMiddleware', 'monitorEndpoints']],
];

for (const [packageName, exportNames] of expectedFunctions) {
  // Node 20.19 can also require an ES module, so only the path shows that the CommonJS build loaded.
  const resolved = require.resolve(packageName);
  assert.match(resolved, /\.cjs$/, `require.resolve('${packageName}')`);

  const exports = require(packageName);
  for (const exportName of exportNames) {
    assert.equal(typeof exports[exportName], 'function', `require('${packageName}').${exportName}`);
  }
}
console.log(`cjs-check: required ${expectedFunctions.length} packages`);
