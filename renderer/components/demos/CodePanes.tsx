/**
 * The Python a demo stands for beside the TypeScript that actually ran (taken from the run's outcome, one tab
 * per file). Plain text in <pre>: React escapes it, nothing is ever parsed as HTML.
 */
import { useId, useState } from 'react';
import type { DemoSource } from '../../../electron/common/demos';

interface Props {
  readonly python: string;
  /** null until the demo has run once */
  readonly typescript: readonly DemoSource[] | null;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

export function CodePanes({ python, typescript }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState(0);
  const files = typescript ?? [];
  const current = files[Math.min(chosen, files.length - 1)];
  return (
    <div className="demo-code two-col" data-testid="demo-code">
      <section className="demo-code-pane" aria-labelledby={`${id}-py`}>
        <h3 id={`${id}-py`}>Python</h3>
        <pre className="demo-pre" tabIndex={0} aria-label="Python code" data-testid="demo-python">
          <code>{python}</code>
        </pre>
      </section>
      <section className="demo-code-pane" aria-labelledby={`${id}-ts`}>
        <h3 id={`${id}-ts`}>TypeScript that ran</h3>
        {current ? (
          <>
            {files.length > 1 ? (
              <div className="demo-files" role="group" aria-label="Files">
                {files.map((f, i) => (
                  <button
                    key={f.file}
                    type="button"
                    className="button button-quiet demo-file"
                    aria-pressed={f === current}
                    title={f.file}
                    onClick={() => setChosen(i)}
                  >
                    {baseName(f.file)}
                  </button>
                ))}
              </div>
            ) : null}
            <p className="hint demo-file-path">{current.file}</p>
            <pre
              className="demo-pre"
              tabIndex={0}
              aria-label={`TypeScript: ${current.file}`}
              data-testid="demo-typescript"
            >
              <code>{current.source}</code>
            </pre>
          </>
        ) : (
          <p className="note">
            Run the demo to see its TypeScript: the source files come with the measured result, exactly as
            they ran.
          </p>
        )}
      </section>
    </div>
  );
}
