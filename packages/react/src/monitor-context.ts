import type { Monitor } from '@4site/monitor-browser';
import { createContext } from 'react';

/** The monitor of the nearest `MonitorProvider`, or null outside any provider. */
export const MonitorContext = createContext<Monitor | null>(null);
MonitorContext.displayName = 'MonitorContext';
