/** What every top-level section is given, apart from the sections themselves so they can import it. */
import type { ComponentType } from 'react';
import type { LabInfo } from '../../electron/common/api';
import type { Preferences } from '../hooks/usePreferences';

export interface SectionProps {
  readonly info: LabInfo;
  readonly prefs: Preferences;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType<SectionProps>;
}
