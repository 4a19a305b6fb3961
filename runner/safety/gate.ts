/**
 * Safety gates every verdict: shipping a handler that leaks one user's data into another's
 * response is the worst outcome this tool can cause, worse than any cost. bench, advise and the
 * report read the handler's last `lmi-bench safety` check through this and, when it found errors
 * or none was run, lead with that line before any cost (the cost answer still follows).
 */
import { safetyCheckLine, type SafetyCheck } from './latest-result.ts';

export type SafetyGate =
  | { state: 'unsafe'; check: SafetyCheck; command: string }
  | { state: 'warnings'; check: SafetyCheck }
  | { state: 'clear'; check: SafetyCheck }
  | { state: 'not-checked'; command: string };

export type GateSeverity = 'bad' | 'warn' | 'ok';

/** The colour of each state's panel: errors and no check are bad; warnings are for review. */
export const gateSeverity: Record<SafetyGate['state'], GateSeverity> = { unsafe: 'bad', 'not-checked': 'bad', warnings: 'warn', clear: 'ok' };

/** command: what checks the handler (`lmi-bench safety --workload …`), named when it must be run. */
export function safetyGate(check: SafetyCheck | undefined, command: string): SafetyGate {
  if (!check) return { state: 'not-checked', command };
  if (check.errors > 0) return { state: 'unsafe', check, command };
  if (check.warnings > 0) return { state: 'warnings', check };
  return { state: 'clear', check };
}

function cause(check: SafetyCheck): string {
  const main = check.mainCause;
  return main ? `; the main cause: ${main.cause} (${main.count} finding${main.count === 1 ? '' : 's'})` : '';
}

/** The line that leads a verdict when the handler is not known to be safe; null when it may follow the cost as usual. */
export function gateHeadline(gate: SafetyGate): string | null {
  switch (gate.state) {
    case 'unsafe':
      return (
        `NOT SAFE FOR LMI YET: the last \`lmi-bench safety\` check found ${gate.check.errors} error${gate.check.errors === 1 ? '' : 's'}${cause(gate.check)} ` +
        `(seed ${gate.check.seed}, ${gate.check.checkedAt.slice(0, 10)}). Fix them and run ${gate.command} again before moving; the costs below assume they are fixed.`
      );
    case 'not-checked':
      return `NOT CHECKED for LMI safety: on LMI concurrent requests share an execution environment; run ${gate.command} before moving.`;
    case 'warnings':
    case 'clear':
      return null;
  }
}

/** The panel's sentence for every state (the report shows safety whatever it found). */
export function gateSummary(gate: SafetyGate): string {
  switch (gate.state) {
    case 'unsafe':
    case 'not-checked':
      return gateHeadline(gate) ?? '';
    case 'warnings':
      return `Review before moving: ${safetyCheckLine(gate.check)}${cause(gate.check)}.`;
    case 'clear':
      return `Safe for LMI as far as checked: ${safetyCheckLine(gate.check)}.`;
  }
}
