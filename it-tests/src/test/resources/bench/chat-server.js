// The Node + ws chat server of the benchmark harness (io.github.switchboard.bench): the same
// protocol as SwitchboardChatEndpoint and RawChatEndpoint, and the same console on stdin/stdout
// (ServerConsole): "port <n>" first, then "stats", "gc", "publish" and "samples" answered line
// by line.
'use strict';
const { WebSocketServer } = require('ws');
const readline = require('readline');

const CLIENTS = Number(process.env.BENCH_CLIENTS || 0);
const room = new Set();
const byName = new Map();
let opened = 0;
let open = 0;
let published = 0;
let lost = 0;
let samples = null; // [hrtime ns, heapUsed] pairs since the last "samples", once started

function publish(text) {
  for (const ws of room) {
    ws.send(text);
  }
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false,
  maxPayload: 16 * 1024 * 1024 });
wss.on('listening', () => console.log('port ' + wss.address().port));
wss.on('connection', (ws, req) => {
  const name = new URL(req.url, 'http://localhost').searchParams.get('name') || '';
  room.add(ws);
  byName.set(name, ws);
  open++;
  if (++opened === CLIENTS) {
    publish('ready');
  }
  ws.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('@')) {
      const space = text.indexOf(' ');
      const to = byName.get(text.substring(1, space));
      if (to) {
        to.send(text.substring(space + 1));
      } else {
        lost++;
      }
    } else {
      publish(name + ': ' + text);
    }
    published++;
  });
  ws.on('error', () => {});
  ws.on('close', () => {
    room.delete(ws);
    if (byName.get(name) === ws) {
      byName.delete(name);
    }
    open--;
  });
});

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'stats') {
    console.log(`stats ${published} ${lost} ${process.memoryUsage().heapUsed} ${open}`);
  } else if (line === 'gc') {
    if (global.gc) {
      global.gc();
      global.gc();
    }
    console.log('gc ' + process.memoryUsage().heapUsed);
  } else if (line === 'publish') {
    publish(String(process.hrtime.bigint()));
    console.log('published');
  } else if (line === 'samples') {
    if (samples === null) {
      samples = [];
      setInterval(() => samples.push(`${process.hrtime.bigint()}:${process.memoryUsage().heapUsed}`),
        20).unref();
    }
    console.log(['samples'].concat(samples).join(' '));
    samples = [];
  } else {
    console.log('error unknown command ' + line);
  }
}).on('close', () => process.exit(0));
