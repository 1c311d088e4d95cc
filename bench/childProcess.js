/*
 * Running the benchmark's parts in their own processes, so that memory
 * peaks of one part never mix with another's, and reading V8's --trace-gc
 * lines to know the heap high-water mark (a peak that sampling from inside
 * a busy, synchronous phase would miss).
 *
 * Plain CommonJS: used by scripts/bench.mjs and by the TypeScript parts.
 */
'use strict';

const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const RUNNER = path.join(__dirname, 'runChild.js');

// `[pid:0x...]    1234 ms: Mark-Compact 1520.3 (1600.0) -> 1200.1 (1580.3) MB, ...`
const GC_LINE = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: ([A-Za-z-]+(?: \([a-z ]+\))?) ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/;

/** Parses one --trace-gc line: times in ms since the isolate started, sizes in MiB. */
function parseGcLine(line) {
  const m = GC_LINE.exec(line);
  if (!m) return undefined;
  return { at: Number(m[1]), type: m[2], before: Number(m[3]), committedBefore: Number(m[4]), after: Number(m[5]), committedAfter: Number(m[6]) };
}

/** The largest heap size seen just before a GC, within [from, to] ms (all when omitted). */
function heapPeak(gcEvents, from = -Infinity, to = Infinity) {
  let used = 0;
  let committed = 0;
  let count = 0;
  for (const e of gcEvents) {
    if (e.at < from || e.at > to) continue;
    count++;
    used = Math.max(used, e.before);
    committed = Math.max(committed, e.committedBefore, e.committedAfter);
  }
  return { usedMiB: used, committedMiB: committed, gcs: count };
}

/** RSS now and its high-water mark of a running process, from /proc (Linux). */
function procMemory(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = key => {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
      return m ? Number(m[1]) * 1024 : undefined;
    };
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return {};
  }
}

/**
 * Forks `bench/runChild.js <module> <json args>`: the module's `main(args)`
 * runs with the TypeScript transform. Resolves the child handle at once;
 * `done` settles with main's result. GC trace lines are collected in
 * `gcEvents`; every other output line goes to `logFile` (or is dropped)
 * and to `onLine(line, epochMs)` as it arrives.
 */
function startChild(modulePath, args, options = {}) {
  const execArgv = [...(options.execArgv ?? [])];
  if (options.traceGc) execArgv.push('--trace-gc');
  const child = fork(RUNNER, [modulePath, JSON.stringify(args ?? {})], {
    cwd: options.cwd,
    env: { ...process.env, ...(options.env ?? {}) },
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const gcEvents = [];
  const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  let stderrTail = '';
  const lineReader = (stream, isErr) => {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', chunk => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const gc = parseGcLine(line);
        if (gc) gcEvents.push(gc);
        else {
          if (options.onLine) options.onLine(line, Date.now());
          if (log) log.write(`${line}\n`);
          if (isErr) stderrTail = `${stderrTail}${line}\n`.slice(-4000);
          if (options.echo) process.stderr.write(`  [${path.basename(modulePath)}] ${line}\n`);
        }
      }
    });
  };
  lineReader(child.stdout, false);
  lineReader(child.stderr, true);

  const listeners = new Set();
  const done = new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', msg => {
      if (!msg || typeof msg !== 'object') return;
      if (msg.type === 'watch') return; // the TypeScript transform's file watch notices
      if (msg.type === 'result') {
        settled = true;
        resolve(msg.result);
      } else if (msg.type === 'error') {
        settled = true;
        reject(new Error(`${path.basename(modulePath)} failed: ${msg.message}\n${msg.stack ?? ''}`));
      }
      for (const l of listeners) l(msg);
    });
    child.on('exit', (code, signal) => {
      log?.end();
      if (!settled) {
        reject(new Error(`${path.basename(modulePath)} exited (${signal ?? code}) before answering\n${stderrTail}`));
      }
    });
  });
  // Unhandled when the caller only awaits `waitFor`; it is still reported there.
  done.catch(() => {});

  /** Resolves with the first message of `type` (rejects if the child ends first). */
  const waitFor = type =>
    new Promise((resolve, reject) => {
      const l = msg => {
        if (msg.type === type) {
          listeners.delete(l);
          resolve(msg);
        }
      };
      listeners.add(l);
      done.then(
        () => reject(new Error(`${path.basename(modulePath)} ended without sending ${type}`)),
        reject,
      );
    });

  /** Sends a request message and resolves with the reply of the same id. */
  let nextId = 1;
  const request = (type, body = {}) => {
    const id = nextId++;
    const reply = new Promise((resolve, reject) => {
      const l = msg => {
        if (msg.type === 'reply' && msg.id === id) {
          listeners.delete(l);
          if (msg.error) reject(new Error(msg.error));
          else resolve(msg.body);
        }
      };
      listeners.add(l);
      done.then(() => reject(new Error(`${path.basename(modulePath)} ended`)), reject);
    });
    child.send({ type, id, ...body });
    return reply;
  };

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the child is gone. */
  const stop = (graceMs = 10_000) =>
    new Promise(resolve => {
      if (child.exitCode !== null || child.signalCode !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });

  return { child, pid: child.pid, done, gcEvents, waitFor, request, stop };
}

/** Runs a child to completion: `{ result, gcEvents, peakRss }`. */
async function runChild(modulePath, args, options = {}) {
  const handle = startChild(modulePath, args, options);
  const result = await handle.done;
  // Give the GC trace (written by V8 through a buffered stdout) time to drain.
  await new Promise(resolve => {
    if (handle.child.exitCode !== null) resolve();
    else handle.child.once('exit', resolve);
  });
  await new Promise(resolve => setImmediate(resolve));
  return { result, gcEvents: handle.gcEvents };
}

module.exports = { startChild, runChild, parseGcLine, heapPeak, procMemory };
