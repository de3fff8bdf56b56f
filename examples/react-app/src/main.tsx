import { type BrowserOptions, MonitorProvider } from '@4site/monitor-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

// Defined once, outside any component, so the provider reads the same options on every render.
const monitorOptions: BrowserOptions = {
  service: '4site-web',
  environment: import.meta.env.MODE,
  debug: import.meta.env.DEV,
  mode: import.meta.env.DEV ? 'development' : 'production',
};

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <MonitorProvider options={monitorOptions}>
        <App />
      </MonitorProvider>
    </StrictMode>,
  );
}
