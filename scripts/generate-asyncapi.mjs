// Writes docs/asyncapi.json from the event contracts (run after changing a contract; a test checks it is current).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lib/paths.mjs';
import { run } from './lib/run.mjs';

await run('npx', ['tsc', '-p', 'libs/shared/tsconfig.build.json'], { cwd: root });
const shared = createRequire(path.join(root, 'package.json'))('./libs/shared/dist/contracts/index.js');
writeFileSync(path.join(root, 'docs/asyncapi.json'), `${JSON.stringify(shared.buildAsyncApiDocument(), null, 2)}\n`);
console.log('Wrote docs/asyncapi.json');
