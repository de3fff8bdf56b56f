// Starts the example on http://localhost:3333 from a fresh clone: installs the workspace, builds
// the packages and the example, then runs the example API, which also serves the React app.
// Arguments pass through to the server, so `npm start -- --simulate` drives synthetic visitors.
import { checkNode, ensurePnpm, installWorkspace, run } from './toolchain.mjs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

checkNode();
ensurePnpm();
installWorkspace();
run('pnpm', ['turbo', 'run', 'build', '--filter=@4site/example-express-api...'], { env });
run('node', ['examples/express-api/dist/server.js', ...process.argv.slice(2)], { env });
