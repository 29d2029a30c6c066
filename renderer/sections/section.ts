/** What every top-level section is given, apart from the sections themselves so they can import it. */
import type { ComponentType } from 'react';
import type { LabInfo } from '../../electron/common/api';
import type { ExperimentConfig } from '../../electron/common/config';
import type { Preferences } from '../hooks/usePreferences';

export interface SectionProps {
  readonly info: LabInfo;
  readonly prefs: Preferences;
  /** opens the Lab's builder filled in with a report's settings, from any section */
  readonly editInBuilder?: (config: ExperimentConfig) => void;
  /** the settings last asked for that way; `key` changes with every request, so the same one can be re-opened */
  readonly builderPreset?: BuilderPreset | null;
}

export interface BuilderPreset {
  readonly config: ExperimentConfig;
  readonly key: number;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly Component: ComponentType<SectionProps>;
}
