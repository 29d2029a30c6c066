/** Hands the LabApi down the tree; hooks read it from here rather than from a global. */
import { createContext, useContext } from 'react';
import type { LabApi } from '../electron/common/api';

export const LabContext = createContext<LabApi | null>(null);

export function useLab(): LabApi {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('useLab() needs a <LabContext.Provider> with the engine API above it.');
  return lab;
}
