/**
 * Shared files: a path under the environment's /tmp written by one invocation and read or
 * written by another invocation that overlapped it. One finding per path and round.
 */
import { shortId, type Finding, type Invocation, type Round } from '../findings.ts';

const shownPairs = 5;

export function sharedFiles(round: Round): Finding[] {
  const users = new Map<string, { invocation: Invocation; read: boolean; write: boolean }[]>();
  for (const invocation of round.invocations) {
    for (const use of invocation.record?.files ?? []) {
      const list = users.get(use.path) ?? [];
      list.push({ invocation, read: use.read, write: use.write });
      users.set(use.path, list);
    }
  }
  const findings: Finding[] = [];
  for (const [path, list] of users) {
    const pairs: string[] = [];
    const involved = new Set<string>();
    for (const writer of list) {
      if (!writer.write) continue;
      const w = writer.invocation.record;
      if (!w) continue;
      for (const other of list) {
        const o = other.invocation.record;
        if (other === writer || !o || !(o.startMs < w.endMs && w.startMs < o.endMs)) continue;
        // Two writers are one pair, reported once.
        if (other.write && !other.read && writer.invocation.requestId > other.invocation.requestId) continue;
        involved.add(writer.invocation.requestId).add(other.invocation.requestId);
        const overlapMs = Math.min(w.endMs, o.endMs) - Math.max(w.startMs, o.startMs);
        const access = other.read && other.write ? 'read and wrote' : other.read ? 'read' : 'wrote';
        pairs.push(`request ${shortId(writer.invocation.requestId)} wrote it while request ${shortId(other.invocation.requestId)} ${access} it (they overlapped ${overlapMs.toFixed(1)} ms)`);
      }
    }
    if (pairs.length === 0) continue;
    const evidence = pairs.slice(0, shownPairs);
    if (pairs.length > shownPairs) evidence.push(`… ${pairs.length - shownPairs} more overlapping pairs`);
    findings.push({
      oracle: 'shared-files',
      severity: 'error',
      round: round.index,
      requests: [...involved],
      title: `${path} is shared by ${involved.size} concurrent requests: one writes it while another uses it`,
      evidence,
      cause: `the /tmp file ${path}`,
    });
  }
  return findings;
}
