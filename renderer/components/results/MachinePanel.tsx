/**
 * The machine the numbers belong to: a speedup means little without the core count behind it, nor without
 * knowing it ran on battery, throttled or busy (clock, governor, power, load average, VM).
 */
import type { Machine } from '../../../electron/common/report';
import { formatBytes, machineConditionRows } from '../../../electron/common/format';

export function MachinePanel({ machine }: { machine: Machine }) {
  const rows: [string, string][] = [
    ['CPU', machine.cpuModel || 'unknown'],
    ['Cores', `${machine.physicalCores} physical, ${machine.logicalCores} logical`],
    ['Memory', formatBytes(machine.memoryBytes)],
    ['System', `${machine.os.platform} ${machine.os.release} (${machine.os.arch})`],
    ['Node.js', machine.node],
    ...(machine.electron ? [['Electron', machine.electron] as [string, string]] : []),
    ...machineConditionRows(machine),
  ];
  return (
    <section className="panel" aria-labelledby="machine-heading" data-testid="machine-panel">
      <h2 id="machine-heading">This machine</h2>
      <dl className="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
