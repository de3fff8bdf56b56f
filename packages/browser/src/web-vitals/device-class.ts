import type { DeviceClass } from '@4site/monitor-business';

const TABLET_AGENT = /iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i;
const MOBILE_AGENT = /Mobi|iPhone|iPod|Android.*Mobile|Windows Phone|BlackBerry|Opera Mini/i;

/**
 * Returns the device class of this browser. The user agent decides when it names a tablet or a
 * phone. Otherwise a viewport narrower than 768 CSS pixels is `mobile`, and one from 768 to 1366
 * on a touch screen is `tablet`. An iPad in desktop mode reports a Mac user agent, so touch support
 * distinguishes it. Outside a browser it returns `desktop`.
 */
export function detectDeviceClass(): DeviceClass {
  if (typeof navigator === 'undefined' || typeof window === 'undefined') return 'desktop';
  const agent = navigator.userAgent ?? '';
  if (TABLET_AGENT.test(agent)) return 'tablet';
  if (MOBILE_AGENT.test(agent)) return 'mobile';
  const width = window.innerWidth || 0;
  const touch = (navigator.maxTouchPoints ?? 0) > 1;
  if (width > 0 && width < 768) return 'mobile';
  if (touch && width >= 768 && width <= 1366) return 'tablet';
  return 'desktop';
}
