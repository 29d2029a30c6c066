/**
 * The app's top-level sections, in tab order. A section gets the engine's info and the user's
 * preferences; everything else it needs it takes from hooks. Add a section here and it appears in the nav.
 */
import { DemosSection } from './DemosSection';
import { LabSection } from './LabSection';
import { ReportsSection } from './ReportsSection';
import type { Section } from './section';

export const SECTIONS: readonly Section[] = [
  { id: 'lab', title: 'Lab', Component: LabSection },
  { id: 'demos', title: 'Demos', Component: DemosSection },
  { id: 'reports', title: 'Reports', Component: ReportsSection },
];
