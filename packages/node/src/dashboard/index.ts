export {
  createDashboardEndpoints,
  type DashboardDocument,
  type DashboardEndpoints,
} from './dashboard-endpoints';
export type { DashboardAccess, DashboardEndpointsOptions } from './options';
export type { DashboardPoint, DashboardSample, LeadScoreBand, WebVitalsP75 } from './sample';
