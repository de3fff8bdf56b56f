import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertEvaluator } from '@4site/monitor-core';

/**
 * Creates the handler of `/monitor/alerts`: GET returns the evaluator's state as JSON (alerts,
 * values, times and active silences). Mount it behind the same access control as `/metrics`,
 * because alert values describe the business.
 */
export function createAlertsStateHandler(evaluator: Pick<AlertEvaluator, 'toJSON'>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    try {
      answer(evaluator, request, response);
    } catch {
      // A response that cannot be written, or an evaluator that throws: the host app goes on.
      failQuietly(response);
    }
  };
}

function failQuietly(response: ServerResponse): void {
  try {
    if (!response.headersSent) response.statusCode = 500;
    response.end();
  } catch {
    // Nothing more can be done with this response.
  }
}

function answer(
  evaluator: Pick<AlertEvaluator, 'toJSON'>,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  response.setHeader('cache-control', 'no-store');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.statusCode = 405;
    response.setHeader('allow', 'GET, HEAD');
    response.end();
    return;
  }
  response.statusCode = 200;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(request.method === 'HEAD' ? undefined : JSON.stringify(evaluator.toJSON()));
}
