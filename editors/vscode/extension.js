// The VS Code client for `tthc lsp`. Plain JavaScript on purpose: no build step, so the
// file that CI packages is the file that was reviewed.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { findServer } = require('./server');

/** @type {LanguageClient | undefined} */
let client;

/** The settings the server is started with (read afresh on every start). */
function settings() {
  const config = vscode.workspace.getConfiguration('tthc');
  // `tthc.path` names a program to run: only the user's own settings may set it (the
  // setting is machine-scoped, and a workspace's value is never read here), so that
  // opening a folder cannot make the editor run a program the folder chose.
  const path = config.inspect('path');
  return {
    path: (path && path.globalValue) || '',
    language: config.get('language') === 'en' ? 'en' : 'vi',
  };
}

/** The server to run (see server.js), said in the output channel. */
function server(context, outputChannel) {
  const found = findServer({ extensionPath: context.extensionPath, configuredPath: settings().path });
  for (const warning of found.warnings) {
    outputChannel.appendLine(`warning: ${warning}`);
  }
  if (found.command) {
    outputChannel.appendLine(`starting ${found.command} lsp (${found.source})`);
  }
  return found;
}

/** A new client for `<server> lsp` over stdio. */
function createClient(command, outputChannel) {
  const { language } = settings();
  const executable = { command, args: ['lsp'], transport: TransportKind.stdio };
  const serverOptions = { run: executable, debug: executable };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'tthc' },
      { scheme: 'untitled', language: 'tthc' },
    ],
    // The server reads the language once, at initialize; a change restarts it (below).
    initializationOptions: { language },
    outputChannel,
  };
  return new LanguageClient('tthc', 'TTHC language server', serverOptions, clientOptions);
}

const INSTALL_HINT =
  'Install tthc (`pip install tthc`, or a release archive) so that it is on PATH, or set tthc.path in your user settings.';

async function start(context, outputChannel) {
  const found = server(context, outputChannel);
  if (!found.command) {
    vscode.window.showErrorMessage(`The tthc language server was not found. ${INSTALL_HINT}`);
    return;
  }
  client = createClient(found.command, outputChannel);
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Could not start \`${found.command} lsp\` (${found.source}): ${error.message || error}. ${INSTALL_HINT}`,
    );
  }
}

async function stop() {
  if (client) {
    const stopping = client;
    client = undefined;
    if (stopping.isRunning()) {
      await stopping.stop();
    }
    await stopping.dispose();
  }
}

async function restart(context, outputChannel) {
  await stop();
  await start(context, outputChannel);
}

/** Called by VS Code when the first `.tthc` file opens (activation on the language). */
async function activate(context) {
  const outputChannel = vscode.window.createOutputChannel('TTHC');
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(
    vscode.commands.registerCommand('tthc.restartServer', () => restart(context, outputChannel)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tthc.path') || event.affectsConfiguration('tthc.language')) {
        restart(context, outputChannel);
      }
    }),
  );
  await start(context, outputChannel);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
