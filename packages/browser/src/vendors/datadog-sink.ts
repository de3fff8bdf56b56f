import { type MonitorScope, scrubError } from '@4site/monitor-core';
// A static namespace import inside this lazily loaded module, so the app's bundler keeps only
// RUM's entry, and a Vite build of an app without the package still succeeds (see sentry-sink).
import * as DatadogRum from '@datadog/browser-rum';
import { scrubDeep, scrubText } from '../privacy/scrub-url';
import type { VendorSink } from './deferred-sink';
import type { VendorContext } from './vendor-context';
import type { DatadogOptions } from './vendor-options';

type RumInitConfiguration = Parameters<typeof DatadogRum.datadogRum.init>[0];
type RumEvent = Parameters<NonNullable<RumInitConfiguration['beforeSend']>>[0];

/**
 * Starts DataDog RUM once per page and returns the sink that feeds it. RUM that is already
 * initialised, such as after a hot reload of the app, is reused instead of initialised again.
 */
export function createDatadogSink(options: DatadogOptions, context: VendorContext): VendorSink {
  const rum = DatadogRum.datadogRum;
  if (!rum.getInitConfiguration()) rum.init(datadogInitOptions(options, context));
  else context.logger.debug('DataDog RUM is already initialised; reused it.');

  return {
    name: 'datadog',
    handleEvent(event) {
      const properties: Record<string, unknown> = { ...event.properties };
      const attribution = context.attributionFor(event.name);
      if (attribution) properties.attribution = attribution;
      const target = event.name === 'web_vital' ? context.vitalTarget(String(properties.id)) : '';
      if (target) properties.target = target;
      rum.addAction(event.name, scrubDeep(properties) as object);
    },
    handleError(error, errorContext) {
      // A scrubbed copy, because RUM's beforeSend cannot change the causes of an error.
      rum.addError(scrubError(error), errorContext);
    },
    handleScope(scope) {
      applyScope(rum, scope);
    },
    handlePage(template) {
      // RUM starts a view on each history change; naming it by template groups views by route.
      rum.setViewName(template);
    },
  };
}

function datadogInitOptions(options: DatadogOptions, context: VendorContext): RumInitConfiguration {
  const proxy = options.proxy ?? (context.proxy ? `${context.proxy}/datadog` : undefined);
  return {
    applicationId: options.applicationId,
    clientToken: options.clientToken,
    ...(options.site ? { site: options.site as RumInitConfiguration['site'] } : {}),
    ...(proxy ? { proxy } : {}),
    service: context.service,
    env: context.environment,
    ...(context.release ? { version: context.release } : {}),
    sessionSampleRate: options.sessionSampleRate ?? 100,
    sessionReplaySampleRate: options.sessionReplaySampleRate ?? 0,
    trackUserInteractions: options.trackUserInteractions ?? true,
    trackResources: options.trackResources ?? true,
    trackLongTasks: options.trackLongTasks ?? true,
    allowedTracingUrls: [...context.apiOrigins],
    trackingConsent: context.consentGranted() ? 'granted' : 'not-granted',
    // Inputs and their labels are masked in replays and in the names of click actions.
    defaultPrivacyLevel: 'mask-user-input',
    beforeSend: (event) => scrubRumEvent(event),
  };
}

function applyScope(rum: typeof DatadogRum.datadogRum, scope: MonitorScope): void {
  rum.setTrackingConsent(scope.consent === 'granted' ? 'granted' : 'not-granted');
  if (scope.user)
    rum.setUser({ id: scope.user.id, ...(scope.user.plan ? { plan: scope.user.plan } : {}) });
  else rum.clearUser();
}

/**
 * Masks personal data in a RUM event in place. DataDog's `beforeSend` keeps changes only to the
 * fields that `MODIFIABLE_FIELD_PATHS_BY_EVENT` lists in `@datadog/browser-rum-core` 7.16: URLs
 * of views, resources, errors, LCP elements, long-task scripts and WebSockets, error messages and
 * stacks, action names and the custom context. `error.causes` is not among them, so the function
 * returns false, which drops the event, for an error whose causes carry personal data.
 */
export function scrubRumEvent(event: RumEvent): boolean {
  const record = event as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const part of ['view', 'resource', 'error', 'action'] as const) {
    const section = record[part];
    if (!section) continue;
    for (const field of ['url', 'referrer', 'message', 'stack', 'handling_stack', 'name']) {
      if (typeof section[field] === 'string') section[field] = scrubText(section[field] as string);
    }
    const target = section.target as Record<string, unknown> | undefined;
    if (typeof target?.name === 'string') target.name = scrubText(target.name);
  }
  scrubNestedUrls(record);
  if (record.context) record.context = scrubDeep(record.context) as Record<string, unknown>;
  const causes = record.error?.causes;
  return !(Array.isArray(causes) && JSON.stringify(causes) !== JSON.stringify(scrubDeep(causes)));
}

function scrubNestedUrls(record: Record<string, Record<string, unknown> | undefined>): void {
  const fields: [Record<string, unknown> | undefined, string][] = [
    [record.error?.resource as Record<string, unknown> | undefined, 'url'],
    [
      (record.view?.performance as { lcp?: Record<string, unknown> } | undefined)?.lcp,
      'resource_url',
    ],
    [record.vital?.websocket as Record<string, unknown> | undefined, 'url'],
  ];
  const scripts = (record.long_task?.scripts ?? []) as Record<string, unknown>[];
  for (const script of Array.isArray(scripts) ? scripts : []) {
    fields.push([script, 'source_url'], [script, 'invoker']);
  }
  for (const [section, field] of fields) {
    if (typeof section?.[field] === 'string') section[field] = scrubText(section[field] as string);
  }
}
