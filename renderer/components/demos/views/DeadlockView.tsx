/**
 * deadlock: the wait-for cycle the lab found, drawn as a graph (threads round, locks square; solid arrows
 * "holds", dashed arrows "wants"), then how it recovered and how the two fixes did.
 */
import { useId } from 'react';
import type { DeadlockDetails } from '../../../../electron/common/demos';
import { deadlockView, type GraphNode } from '../../../state/demo-views';
import { formatMs } from '../../../../electron/common/format';

const R = 120;
const C = 190;
const NODE = 34;

const at = (n: GraphNode) => ({ x: C + n.x * R, y: C + n.y * R });

export function DeadlockView({ details }: { details: DeadlockDetails }) {
  const arrow = `${useId().replace(/:/g, '')}-arrow`;
  const v = deadlockView(details);
  const node = (id: string, kind: GraphNode['kind']) => v.nodes.find((n) => n.id === id && n.kind === kind);
  return (
    <div className="demo-view" data-testid="view-deadlock">
      <div className="demo-deadlock">
        <figure className="demo-graph" data-testid="deadlock-cycle" data-cycle={v.cycleText}>
          <svg viewBox={`0 0 ${2 * C} ${2 * C}`} role="img" aria-label={`Wait-for cycle: ${v.cycleText}`}>
            <defs>
              <marker
                id={arrow}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill="var(--text)" />
              </marker>
            </defs>
            {v.edges.map((e) => {
              const a = node(e.from, 'thread');
              const b = node(e.to, 'lock');
              if (!a || !b) return null;
              const p = at(a);
              const q = at(b);
              const len = Math.hypot(q.x - p.x, q.y - p.y) || 1;
              const ux = (q.x - p.x) / len;
              const uy = (q.y - p.y) / len;
              const mx = (p.x + q.x) / 2;
              const my = (p.y + q.y) / 2;
              // Labels sit outside the square, away from its centre.
              const ox = (mx - C) * 0.28;
              const oy = (my - C) * 0.28;
              return (
                <g
                  key={`${e.from}-${e.kind}-${e.to}`}
                  className={`demo-edge demo-edge-${e.kind}`}
                  data-edge={`${e.from} ${e.kind} ${e.to}`}
                >
                  <line
                    x1={p.x + ux * NODE}
                    y1={p.y + uy * NODE}
                    x2={q.x - ux * (NODE + 2)}
                    y2={q.y - uy * (NODE + 2)}
                    markerEnd={`url(#${arrow})`}
                  />
                  <text x={mx + ox} y={my + oy} textAnchor="middle" dominantBaseline="middle">
                    {e.kind}
                  </text>
                </g>
              );
            })}
            {v.nodes.map((n) => {
              const p = at(n);
              return (
                <g key={`${n.kind}-${n.id}`} className={`demo-node demo-node-${n.kind}`}>
                  {n.kind === 'thread' ? (
                    <circle cx={p.x} cy={p.y} r={NODE} />
                  ) : (
                    <rect x={p.x - NODE} y={p.y - NODE} width={2 * NODE} height={2 * NODE} rx="6" />
                  )}
                  <text x={p.x} y={p.y} textAnchor="middle" dominantBaseline="central">
                    {n.kind === 'lock' ? `lock ${n.id}` : n.id}
                  </text>
                </g>
              );
            })}
          </svg>
          <figcaption className="chart-caption">
            {v.detected ? (
              <>
                Found by {v.detectedBy} {formatMs(v.detectedAfterMs)} after both threads blocked:{' '}
                {v.cycleText}.
              </>
            ) : (
              <>No deadlock formed in this run.</>
            )}
          </figcaption>
        </figure>
        <div className="demo-deadlock-text">
          <h4>Recovery</h4>
          <p data-testid="deadlock-recovery" data-recovered={String(v.recovered)}>
            {v.recovered ? (
              <>
                <strong className="demo-good">Recovered:</strong> both threads were terminated in{' '}
                {formatMs(v.recovery.terminateMs)}; {v.recovery.remaining} left running.
              </>
            ) : (
              <>
                <strong className="bad">Not recovered:</strong> {v.recovery.terminated} terminated,{' '}
                {v.recovery.remaining} still running.
              </>
            )}
          </p>
          <h4>The two fixes</h4>
          <ul className="demo-fixes" data-testid="deadlock-fixes">
            {v.fixes.map((f) => (
              <li key={f.name} className="demo-fix" data-fix={f.name} data-completed={String(f.completed)}>
                <strong>{f.title}</strong>{' '}
                <span className={f.completed ? 'demo-good' : 'bad'}>
                  {f.completed ? '✓ finished' : '✗ stuck'}
                </span>
                <span className="demo-fix-text">{f.description}.</span>
                <span className="demo-fix-text">
                  {f.rounds} rounds in {formatMs(f.ms)}
                  {f.name === 'timeout-retry'
                    ? `, ${f.retries} ${f.retries === 1 ? 'retry' : 'retries'}`
                    : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
