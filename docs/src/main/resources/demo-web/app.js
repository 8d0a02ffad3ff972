// The Switchboard chat page. Everything the server or a user wrote is put into the page with
// textContent, never innerHTML: a name or message such as <img src=x onerror=...> stays text.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { name: null, room: location.hash.slice(1) || 'lobby', ws: null, attempts: 0,
                timer: null, leaving: false };

// ---- the log --------------------------------------------------------------------------------
function line(cls, from, text) {
  const li = document.createElement('li');
  li.className = cls;
  if (from !== null) {
    const who = document.createElement('span');
    who.className = 'from';
    who.textContent = from;
    li.append(who);
  }
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  li.append(body);
  const log = $('log');
  log.append(li);
  while (log.children.length > 500) log.firstChild.remove();
  log.scrollTop = log.scrollHeight;
}

function setStatus(text, cls) {
  $('status').textContent = text;
  $('status').className = 'status ' + (cls || '');
}

// ---- signing in -----------------------------------------------------------------------------
async function whoAmI() {
  const r = await fetch('/api/session', { credentials: 'same-origin' });
  return r.ok ? (await r.json()).name : null;
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = new FormData(e.target).get('name');
  const r = await fetch('/api/session', { method: 'POST', body: new URLSearchParams({ name }) });
  if (!r.ok) {
    $('signin-error').textContent = (await r.json()).error;
    $('signin-error').hidden = false;
    return;
  }
  state.name = (await r.json()).name;
  $('signin-error').hidden = true;
  showChat();
  connect();
});

$('signout').addEventListener('click', async () => {
  await fetch('/api/session', { method: 'DELETE' });
  state.leaving = true;
  if (state.ws) state.ws.close(1000, 'signed out');
  clearTimeout(state.timer);
  $('chat').hidden = true;
  $('signin').hidden = false;
  setStatus('signed out');
});

function showChat() {
  $('me').textContent = state.name;
  $('signin').hidden = true;
  $('chat').hidden = false;
}

// ---- the WebSocket, with reconnection ---------------------------------------------------------
function connect() {
  state.leaving = false;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${scheme}//${location.host}/chat`);
  state.ws = ws;
  setStatus('connecting…');
  ws.onopen = () => {
    state.attempts = 0;
    setStatus('connected', 'ok');
    send({ type: 'join', room: state.room });
  };
  ws.onmessage = (m) => receive(JSON.parse(m.data));
  ws.onclose = (c) => {
    if (state.ws !== ws || state.leaving) return;
    scheduleReconnect(c.code);
  };
}

// Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped at 30 s, each a random 50-100 %
// of that, so that clients cut off together do not all come back in the same instant.
function scheduleReconnect(code) {
  const base = Math.min(30000, 500 * 2 ** state.attempts);
  const delay = Math.round(base / 2 + Math.random() * base / 2);
  state.attempts++;
  setStatus(`disconnected (${code}), retrying in ${(delay / 1000).toFixed(1)} s`, 'down');
  state.timer = setTimeout(async () => {
    try {
      // The browser cannot read a refused handshake's status: ask whether we are still signed in.
      if (await whoAmI() === null) {
        $('chat').hidden = true;
        $('signin').hidden = false;
        setStatus('session ended, sign in again', 'down');
        return;
      }
    } catch (e) {
      scheduleReconnect(code); // the server is still down
      return;
    }
    connect();
  }, delay);
}

function send(obj) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) {
    state.ws.send(JSON.stringify(obj));
    return true;
  }
  return false;
}

function receive(m) {
  switch (m.type) {
    case 'welcome': state.name = m.name; $('me').textContent = m.name; break;
    case 'clock': $('clock').textContent = new Date(m.time).toLocaleTimeString(); break;
    case 'message': if (m.room === state.room) line('message', m.from, m.text); break;
    case 'announcement': if (m.room === state.room) line('announcement', `${m.from} (announcement)`, m.text); break;
    case 'joined':
    case 'left':
      if (m.room === state.room) {
        line('system', null, `${m.name} ${m.type}`);
        $('count').textContent = m.count;
      }
      refreshRooms();
      break;
    case 'error': line('system error', null, m.text); break;
  }
}

// ---- rooms ------------------------------------------------------------------------------------
function join(room) {
  if (room === state.room) return;
  state.room = room;
  location.hash = room;
  $('log').replaceChildren();
  $('room-name').textContent = room;
  send({ type: 'join', room });
}

async function refreshRooms() {
  const r = await fetch('/api/rooms');
  if (!r.ok) return;
  const { rooms } = await r.json();
  if (!rooms.some((x) => x.name === state.room)) rooms.push({ name: state.room, count: 0 });
  const items = rooms.map(({ name, count }) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${name} (${count})`;
    if (name === state.room) b.className = 'current';
    b.addEventListener('click', () => join(name));
    li.append(b);
    return li;
  });
  $('rooms').replaceChildren(...items);
}

$('new-room').addEventListener('submit', (e) => {
  e.preventDefault();
  join(e.target.room.value.trim().toLowerCase());
  e.target.reset();
});

$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = e.target.text.value;
  // The server excludes the sender, so the page shows its own line once, here.
  if (text.trim() && send({ type: 'say', text })) {
    line('message mine', state.name, text);
    e.target.reset();
  }
});

$('announce').addEventListener('submit', async (e) => {
  e.preventDefault();
  const body = new URLSearchParams({ room: state.room, text: e.target.text.value });
  const r = await fetch('/api/broadcast', { method: 'POST', body });
  if (r.ok) e.target.reset(); else line('system error', null, (await r.json()).error);
});

// ---- start --------------------------------------------------------------------------------------
$('room-name').textContent = state.room;
whoAmI().then((name) => {
  // Prefilled, not automatic: a second tab can sign in under another name.
  if (name !== null) document.querySelector('#signin-form input[name=name]').value = name;
}).catch(() => {});
setInterval(() => { if (!$('chat').hidden) refreshRooms(); }, 10000);
