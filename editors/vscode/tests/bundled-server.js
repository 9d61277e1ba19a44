// CI: node tests/bundled-server.js UNPACKED-EXTENSION-DIR
//
// Runs the discovery code of the unpacked .vsix itself (its server.js, not a copy), with
// no setting and an empty PATH, so that only the bundled server can be found; starts what
// it finds as the extension would (`<server> lsp`, stdio) and checks that it answers
// `initialize` as a language server, then shuts down cleanly.
'use strict';

const path = require('path');
const { spawn } = require('child_process');

const dir = path.resolve(process.argv[2] || '');
const { findServer } = require(path.join(dir, 'server.js'));
const found = findServer({ extensionPath: dir, configuredPath: '', env: { PATH: '' } });
if (found.source !== 'bundled') {
  console.error(`expected the bundled server, found ${JSON.stringify(found)}`);
  process.exit(1);
}
console.log(`the extension finds ${path.relative(dir, found.command)} (${found.source})`);

const child = spawn(found.command, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
const exited = new Promise((resolve) => child.on('exit', resolve));
const send = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  child.stdin.write(body);
};

let buffer = Buffer.alloc(0);
const pending = new Map();
child.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.slice(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.slice(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.slice(end + 4 + length);
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  }
});
const request = (id, method, params) =>
  new Promise((resolve) => {
    pending.set(id, resolve);
    send({ id, method, params });
  });

const timer = setTimeout(() => {
  console.error('the server did not answer within 30 s');
  child.kill();
  process.exit(1);
}, 30000);

(async () => {
  const init = await request(1, 'initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { language: 'en' },
  });
  const caps = init.result && init.result.capabilities;
  if (!caps || !caps.textDocumentSync || !caps.hoverProvider) {
    console.error(`initialize answered ${JSON.stringify(init)}`);
    process.exit(1);
  }
  const info = init.result.serverInfo || {};
  console.log(`initialize: ${info.name} ${info.version || ''}, capabilities ${Object.keys(caps).sort().join(', ')}`);
  send({ method: 'initialized', params: {} });
  const shut = await request(2, 'shutdown', null);
  if (shut.error) {
    console.error(`shutdown answered ${JSON.stringify(shut)}`);
    process.exit(1);
  }
  send({ method: 'exit' });
  child.stdin.end();
  const code = await exited;
  clearTimeout(timer);
  console.log(`the server exited with status ${code}`);
  process.exit(code === 0 ? 0 : 1);
})();
