/** Entry point: reach the engine first, then render; if it cannot be reached, say so and offer a retry. */
import './transport/no-eval';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App';
import { connectLab } from './lab';
import { LabContext } from './LabContext';
import './styles/base.css';
import './styles/layout.css';
import './styles/charts.css';

function Unreachable({ reason, onRetry }: { reason: string; onRetry: () => void }) {
  return (
    <main className="app">
      <div className="alert" role="alert" data-testid="engine-unreachable">
        <p className="alert-title">
          <strong>ThreadLab cannot reach its engine.</strong>
        </p>
        <p>
          In the browser, the page must be opened from <code>npm run serve</code> while that command is still
          running; in the desktop app, restart it.
        </p>
        <p className="muted">Details: {reason}</p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}

async function boot(root: Root): Promise<void> {
  root.render(<p className="boot">Connecting to the engine…</p>);
  try {
    const lab = await connectLab();
    root.render(
      <StrictMode>
        <LabContext.Provider value={lab}>
          <App />
        </LabContext.Provider>
      </StrictMode>,
    );
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    root.render(<Unreachable reason={reason} onRetry={() => void boot(root)} />);
  }
}

const container = document.getElementById('root');
if (container) void boot(createRoot(container));
