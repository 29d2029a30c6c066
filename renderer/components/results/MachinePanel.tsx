/**
 * The machine the numbers belong to: a speedup means little without the core count behind it, nor without
 * knowing it ran on battery, throttled or busy (clock, governor, power, load average, VM).
 */
import type { PythonInterpreterInfo } from '../../../electron/common/api';
import type { Interpreter, Machine } from '../../../electron/common/report';
import { describeInterpreter, formatBytes, machineConditionRows } from '../../../electron/common/format';

/** The interpreters to list: those the lab found (Lab section) or those a report's py-* models ran on. */
export interface MachinePython {
  readonly interpreters: readonly (PythonInterpreterInfo | Interpreter)[];
  /** why there is none, said once; null when some were found or none was asked for */
  readonly reason: string | null;
  /** the lab is still looking */
  readonly probing?: boolean;
}

function pythonRows(python: MachinePython): [string, string][] {
  if (python.probing) return [['Python', 'looking for interpreters…']];
  if (python.interpreters.length === 0)
    return python.reason ? [['Python', `none found, so the py-* models cannot run (${python.reason})`]] : [];
  return python.interpreters.map((i, n) => [n === 0 ? 'Python' : `Python ${n + 1}`, describeInterpreter(i)]);
}

export function MachinePanel({ machine, python }: { machine: Machine; python?: MachinePython }) {
  const rows: [string, string][] = [
    ['CPU', machine.cpuModel || 'unknown'],
    ['Cores', `${machine.physicalCores} physical, ${machine.logicalCores} logical`],
    ['Memory', formatBytes(machine.memoryBytes)],
    ['System', `${machine.os.platform} ${machine.os.release} (${machine.os.arch})`],
    ['Node.js', machine.node],
    ...(machine.electron ? [['Electron', machine.electron] as [string, string]] : []),
    ...machineConditionRows(machine),
    ...(python ? pythonRows(python) : []),
  ];
  return (
    <section className="panel" aria-labelledby="machine-heading" data-testid="machine-panel">
      <h2 id="machine-heading">This machine</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k} data-testid={k.startsWith('Python') ? 'machine-python' : undefined}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
