// The VS Code client for `tthc lsp`. Plain JavaScript on purpose: no build step, so the
// file that CI packages is the file that was reviewed.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The settings the server is started with (read afresh on every start). */
function settings() {
  const config = vscode.workspace.getConfiguration('tthc');
  return {
    path: config.get('path') || 'tthc',
    language: config.get('language') === 'en' ? 'en' : 'vi',
  };
}

/** A new client for `<tthc.path> lsp` over stdio. */
function createClient(outputChannel) {
  const { path, language } = settings();
  const executable = { command: path, args: ['lsp'], transport: TransportKind.stdio };
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

async function start(outputChannel) {
  client = createClient(outputChannel);
  try {
    await client.start();
  } catch (error) {
    const { path } = settings();
    vscode.window.showErrorMessage(
      `Could not start \`${path} lsp\` (set tthc.path to the tthc binary): ${error.message || error}`,
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

async function restart(outputChannel) {
  await stop();
  await start(outputChannel);
}

/** Called by VS Code when the first `.tthc` file opens (activation on the language). */
async function activate(context) {
  const outputChannel = vscode.window.createOutputChannel('TTHC');
  context.subscriptions.push(outputChannel);
  context.subscriptions.push(
    vscode.commands.registerCommand('tthc.restartServer', () => restart(outputChannel)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('tthc.path') || event.affectsConfiguration('tthc.language')) {
        restart(outputChannel);
      }
    }),
  );
  await start(outputChannel);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
