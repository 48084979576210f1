import { createContext, useContext } from 'react';

/** Whether colour may be used; false under NO_COLOR. Attributes (bold, dim, inverse) always may. */
export const ColorContext = createContext(true);

export function useColor(): boolean {
  return useContext(ColorContext);
}
