import type { DashboardDocument, DashboardPoint, DashboardSample } from '@4site/monitor-node';
import { barChart, lineChart } from './charts';
import { decimal, duration, percent } from './format';
import { renderAlerts, renderSample } from './panels';
import { bindSimulationButtons } from './simulation';
import './styles.css';

// Points kept in the page; the server's history ring is usually shorter.
const MAX_POINTS = 600;
const CHANNELS = ['organic', 'social', 'referral', 'direct', 'paid', 'email'] as const;
const SCORE_BANDS = ['0-10', '-20', '-30', '-40', '-50', '-60', '-70', '-80', '-90', '-100'];

const byId = (id: string) => document.getElementById(id) as HTMLElement;
const charts = {
  viral: lineChart(
    byId('chart-viral'),
    [
      { label: 'K', stroke: '#2456c7' },
      { label: 'warning 0.5', stroke: '#a15c00', dash: [6, 4] },
      { label: 'critical 0.2', stroke: '#b3261e', dash: [6, 4] },
    ],
    (value) => decimal(value, 2),
    [0, 1],
  ),
  funnel: lineChart(
    byId('chart-funnel'),
    [
      { label: 'visits', stroke: '#2456c7' },
      { label: 'generations', stroke: '#1b7f4b' },
      { label: 'shares', stroke: '#7a3db8' },
      { label: 'referrals', stroke: '#a15c00' },
    ],
    (value) => decimal(value, 0),
  ),
  leadScores: barChart(
    byId('chart-lead-scores'),
    SCORE_BANDS,
    { label: 'leads', stroke: '#1b7f4b', fill: '#1b7f4b88' },
    (value) => decimal(value, 0),
  ),
  sources: barChart(
    byId('chart-sources'),
    CHANNELS,
    { label: 'share of visits', stroke: '#2456c7', fill: '#2456c788' },
    (value) => percent(value, 0),
  ),
  generation: lineChart(byId('chart-generation'), [{ label: 'p95', stroke: '#7a3db8' }], duration),
  api: lineChart(byId('chart-api'), [{ label: 'p95', stroke: '#2456c7' }], duration),
};

let history: DashboardPoint[] = [];

function drawHistory(): void {
  const x = history.map((point) => point.at / 1000);
  const column = (pick: (point: DashboardPoint) => number | null) => history.map(pick);
  charts.viral.update([
    x,
    column((point) => point.viralCoefficient),
    x.map(() => 0.5),
    x.map(() => 0.2),
  ]);
  charts.funnel.update([
    x,
    column((point) => point.visits),
    column((point) => point.generations),
    column((point) => point.shares),
    column((point) => point.referrals),
  ]);
  charts.generation.update([x, column((point) => point.siteGenerationP95Seconds)]);
  charts.api.update([x, column((point) => point.apiP95Seconds)]);
}

function drawCurrent(sample: DashboardSample | null): void {
  if (!sample) return;
  renderSample(sample);
  const sources = sample.kpis.sourceAttribution;
  charts.sources.update([sources ? CHANNELS.map((channel) => sources[channel]) : []]);
  const bands = sample.leadScoreBands;
  charts.leadScores.update([bands ? bands.map((band) => band.count) : []]);
}

function applyDocument(document: DashboardDocument): void {
  history = document.history.slice(-MAX_POINTS);
  drawHistory();
  drawCurrent(document.current);
  renderAlerts(document.alerts);
}

function applySample(
  update: Pick<DashboardDocument, 'alerts'> & { current: DashboardSample; point: DashboardPoint },
): void {
  history.push(update.point);
  if (history.length > MAX_POINTS) history.shift();
  drawHistory();
  drawCurrent(update.current);
  renderAlerts(update.alerts);
}

/** Follows `/monitor/events`; EventSource reconnects by itself after a dropped connection. */
function connect(): void {
  const status = byId('connection');
  const events = new EventSource('/monitor/events');
  events.addEventListener('snapshot', (event) => {
    applyDocument(JSON.parse((event as MessageEvent<string>).data));
    status.textContent = 'live';
    status.className = 'pill live';
  });
  events.addEventListener('sample', (event) => {
    applySample(JSON.parse((event as MessageEvent<string>).data));
  });
  events.addEventListener('error', () => {
    status.textContent = 'reconnecting';
    status.className = 'pill';
  });
}

bindSimulationButtons();
connect();
