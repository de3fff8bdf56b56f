// Type-checked with tsc against the packed React package and @types/react 19, never run.
import { MonitorProvider, trackShare, trackVisit, useMonitor } from '@4site/monitor-react';
import { useEffect } from 'react';

function Landing() {
  const monitor = useMonitor();
  useEffect(() => {
    trackVisit(monitor, { channel: 'direct' });
  }, [monitor]);
  return (
    <button type="button" onClick={() => trackShare(monitor, { platform: 'link' })}>
      Share
    </button>
  );
}

export function App() {
  return (
    <MonitorProvider options={{ endpoint: '/monitor/ingest', release: '1.0.0' }}>
      <Landing />
    </MonitorProvider>
  );
}
