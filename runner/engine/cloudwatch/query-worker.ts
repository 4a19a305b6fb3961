/**
 * The CloudWatch query thread's side: a replica of the engine's MetricsStore, kept by the
 * writes the engine posts in order, and GetMetricData computed against it. A request is
 * always preceded by every write made before it arrived, so it sees what the engine saw.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { MetricsStore } from '../metrics-store.ts';
import { handleCloudWatchRequest } from './handler.ts';
import type { ToQueryThread } from './query-thread.ts';

/**
 * The thread's nice value. On AWS, CloudWatch runs on other machines than the functions; here it
 * shares 2 cores with the front doors and the environments, so it takes mostly what they leave
 * (nice 10 weighs about a tenth of a default thread) yet still finishes under full load.
 */
const queryThreadNice = 10;

/** Linux sets priorities per thread, named by '/proc/thread-self'; elsewhere the thread keeps the engine's. */
function lowerOwnPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), queryThreadNice);
  } catch {
    // No /proc (macOS) or no permission: the query still runs off the event loop, at normal priority.
  }
}

lowerOwnPriority();
const replica = new MetricsStore();
const port = parentPort;
if (!port) throw new Error('query-worker.ts runs as a worker thread (query-thread.ts starts it)');

port.on('message', (message: ToQueryThread) => {
  if (message.t === 'writes') {
    for (const write of message.writes) replica.apply(write);
    return;
  }
  // Requests are not queued behind each other: the handler yields between slices, so a small
  // query answers while a large one is still being computed, and later writes keep arriving.
  void handleCloudWatchRequest(replica, message.request, message.nowMs).then((answer) => port.postMessage({ id: message.id, answer }));
});
