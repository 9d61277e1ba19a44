// Which `tthc` runs the language server: the one bundled in the extension first
// (`server/tthc`, `server/tthc.exe` on Windows: the platform-specific .vsix carries it,
// as rust-analyzer's does), then the `tthc.path` setting, then `tthc` on PATH.
//
// No `vscode` import: CI runs this very file from the unpacked .vsix, in plain Node, to
// check that the server it finds answers `initialize` (tests/bundled-server.js).
'use strict';

const fs = require('fs');
const path = require('path');
const os = require('os');

/** The executable's file name on `platform` (a `process.platform` value). */
function exeName(name, platform) {
  return platform === 'win32' ? `${name}.exe` : name;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether `file` may be run by this user (any file on Windows, which has no such bit). */
function isExecutable(file, platform) {
  if (platform === 'win32') {
    return true;
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the bundled `file` can be run. A .vsix is a zip, and not every unzipper keeps
 * the executable bit: a bundled server that lost it gets it back (the extension's folder
 * is the user's own); one that cannot is not used.
 */
function ensureExecutable(file, platform) {
  if (isExecutable(file, platform)) {
    return true;
  }
  try {
    fs.chmodSync(file, 0o755);
  } catch {
    return false;
  }
  return isExecutable(file, platform);
}

/** The value of environment variable `name` (case-insensitive on Windows, as there). */
function envVar(env, name, platform) {
  if (platform !== 'win32') {
    return env[name];
  }
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/** `name` looked up on PATH (with PATHEXT's extensions on Windows), or undefined. */
function onPath(name, env, platform) {
  // Files are looked at with this system's paths; `platform` decides the names.
  const delimiter = platform === 'win32' ? ';' : ':';
  const dirs = (envVar(env, 'PATH', platform) || '').split(delimiter).filter(Boolean);
  const exts =
    platform === 'win32' && !path.extname(name)
      ? (envVar(env, 'PATHEXT', platform) || '.EXE;.CMD;.BAT;.COM').split(';').filter(Boolean)
      : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir.replace(/^"(.*)"$/, '$1'), name + ext);
      if (isFile(candidate) && isExecutable(candidate, platform)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** `~` and `~/…` expanded to the home folder. */
function expandHome(value, home) {
  if (value === '~') {
    return home;
  }
  if (value.startsWith('~/') || value.startsWith('~\\')) {
    return path.join(home, value.slice(2));
  }
  return value;
}

/**
 * Finds the server to start.
 *
 * @param {object} options
 * @param {string} options.extensionPath  the extension's folder (`context.extensionPath`)
 * @param {string} [options.configuredPath]  the `tthc.path` setting (machine-scoped)
 * @param {string} [options.platform]  `process.platform` by default
 * @param {object} [options.env]  `process.env` by default
 * @param {string} [options.home]  the home folder, for `~` in the setting
 * @returns {{command: string, source: 'bundled' | 'setting' | 'path' | undefined,
 *            warnings: string[]}} `command` undefined when nothing was found
 */
function findServer({ extensionPath, configuredPath, platform = process.platform, env = process.env, home = os.homedir() }) {
  const warnings = [];
  const bundled = path.join(extensionPath, 'server', exeName('tthc', platform));
  if (isFile(bundled)) {
    if (ensureExecutable(bundled, platform)) {
      return { command: bundled, source: 'bundled', warnings };
    }
    warnings.push(`the bundled server ${bundled} cannot be made executable`);
  }
  const setting = (configuredPath || '').trim();
  if (setting) {
    const expanded = expandHome(setting, home);
    const isName = !/[\\/]/.test(expanded);
    const found = isName ? onPath(expanded, env, platform) : isFile(expanded) ? expanded : undefined;
    if (found) {
      return { command: found, source: 'setting', warnings };
    }
    warnings.push(`tthc.path is set to \`${setting}\`, which was not found${isName ? ' on PATH' : ''}`);
  }
  const found = onPath('tthc', env, platform);
  if (found) {
    return { command: found, source: 'path', warnings };
  }
  return { command: undefined, source: undefined, warnings };
}

module.exports = { findServer, exeName };
