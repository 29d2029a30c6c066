/** The per-demo view of an outcome's details, chosen by their kind. */
import { memo, type ComponentType } from 'react';
import type { DemoOutcome } from '../../../electron/common/demos';
import { DEMO_VIEWS } from './views';
import type { DemoViewProps } from './views';
import type { DemoId } from '../../../electron/common/demos';

/** K is inferred from the details' kind, so the view looked up is the one for these details. */
function View<K extends DemoId>({ kind, ...props }: DemoViewProps<K> & { kind: K }) {
  const Chosen: ComponentType<DemoViewProps<K>> = DEMO_VIEWS[kind];
  return <Chosen {...props} />;
}

export const DetailsView = memo(function DetailsView({ outcome }: { outcome: DemoOutcome }) {
  return (
    <section
      className="panel demo-details"
      aria-label="What was measured, in detail"
      data-testid="demo-details"
    >
      <h3 className="demo-step-heading">
        <span className="demo-step">In detail</span> {outcome.title}
      </h3>
      <View kind={outcome.details.kind} details={outcome.details} lanes={outcome.lanes} />
    </section>
  );
});
