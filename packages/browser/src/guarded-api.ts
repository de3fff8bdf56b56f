import { guardConfig } from '@4site/monitor-core/basics';
import { initMonitor as initMonitorUnguarded } from './init';

// Start-up function, wrapped so that bad options raise a MonitorError and never a TypeError.
export const initMonitor = /* @__PURE__ */ guardConfig('initMonitor', initMonitorUnguarded);
