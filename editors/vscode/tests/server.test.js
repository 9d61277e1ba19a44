// The order in which the extension finds its server (server.js), on made-up folders:
// the bundled server, then the `tthc.path` setting, then PATH.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { findServer } = require('../server');

function scratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tthc-vscode-'));
  const make = (rel, mode = 0o755) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n');
    fs.chmodSync(file, mode);
    return file;
  };
  return { root, make };
}

const posix = process.platform !== 'win32';

test('the bundled server comes first, before the setting and PATH', () => {
  const { root, make } = scratch();
  const bundled = make('ext/server/tthc');
  const configured = make('elsewhere/tthc');
  make('bin/tthc');
  const found = findServer({
    extensionPath: path.join(root, 'ext'),
    configuredPath: configured,
    platform: 'linux',
    env: { PATH: path.join(root, 'bin') },
  });
  assert.deepStrictEqual(found, { command: bundled, source: 'bundled', warnings: [] });
});

test('without a bundled server, the setting; then PATH', () => {
  const { root, make } = scratch();
  const configured = make('elsewhere/tthc');
  const onPath = make('bin/tthc');
  const options = { extensionPath: path.join(root, 'ext'), platform: 'linux', env: { PATH: `/nonexistent:${path.join(root, 'bin')}` } };
  assert.strictEqual(findServer({ ...options, configuredPath: configured }).source, 'setting');
  assert.strictEqual(findServer({ ...options, configuredPath: configured }).command, configured);
  assert.deepStrictEqual(findServer({ ...options, configuredPath: '' }), { command: onPath, source: 'path', warnings: [] });
  // A bare name in the setting is looked up on PATH.
  assert.deepStrictEqual(findServer({ ...options, configuredPath: 'tthc' }), { command: onPath, source: 'setting', warnings: [] });
  // `~` is the home folder.
  assert.strictEqual(findServer({ ...options, configuredPath: '~/elsewhere/tthc', home: root }).command, configured);
});

test('a setting that names nothing is said, and PATH is used', () => {
  const { root, make } = scratch();
  const onPath = make('bin/tthc');
  const found = findServer({
    extensionPath: path.join(root, 'ext'),
    configuredPath: path.join(root, 'missing/tthc'),
    platform: 'linux',
    env: { PATH: path.join(root, 'bin') },
  });
  assert.strictEqual(found.command, onPath);
  assert.strictEqual(found.source, 'path');
  assert.match(found.warnings[0], /tthc\.path is set to .*missing.*not found/);
});

test('nothing anywhere: no command', () => {
  const { root } = scratch();
  const found = findServer({ extensionPath: root, configuredPath: '', platform: 'linux', env: { PATH: '' } });
  assert.strictEqual(found.command, undefined);
});

test('a bundled server that lost its executable bit in the zip gets it back', { skip: !posix }, () => {
  const { root, make } = scratch();
  const bundled = make('ext/server/tthc', 0o644);
  const found = findServer({ extensionPath: path.join(root, 'ext'), platform: 'linux', env: { PATH: '' } });
  assert.strictEqual(found.command, bundled);
  fs.accessSync(bundled, fs.constants.X_OK);
});

test('a file on PATH that is not executable is passed over', { skip: !posix || process.getuid() === 0 }, () => {
  const { root, make } = scratch();
  make('a/tthc', 0o644);
  const good = make('b/tthc');
  const found = findServer({ extensionPath: root, platform: 'linux', env: { PATH: `${path.join(root, 'a')}:${path.join(root, 'b')}` } });
  assert.strictEqual(found.command, good);
});

test('on Windows: tthc.exe bundled, PATHEXT on PATH, Path spelt any case', () => {
  const { root, make } = scratch();
  const ext = path.join(root, 'ext');
  const exeOnPath = make('bin/tthc.EXE');
  const win = { extensionPath: ext, platform: 'win32', env: { Path: `C:\\nowhere;${path.join(root, 'bin')}`, PATHEXT: '.COM;.EXE' } };
  assert.strictEqual(findServer(win).command, exeOnPath);
  assert.ok(fs.existsSync(exeOnPath));
  const bundled = make('ext/server/tthc.exe', 0o644);
  assert.deepStrictEqual(findServer(win), { command: bundled, source: 'bundled', warnings: [] });
});
