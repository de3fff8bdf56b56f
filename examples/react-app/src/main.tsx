import { MonitorProvider } from '@4site/monitor-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { monitorOptions, readRuntimeConfig } from './monitor-config';
import './styles.css';

// Built once, outside any component, so the provider reads the same options on every render.
const options = monitorOptions(import.meta.env, readRuntimeConfig());

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <MonitorProvider options={options}>
        <App />
      </MonitorProvider>
    </StrictMode>,
  );
}
