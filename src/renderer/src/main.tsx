import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { applyTheme, storedTheme } from './lib/theme';
import { startStore } from './store';
import './styles.css';
import './styles/components.css';
import './styles/packet-trace.css';
import './styles/screens.css';
import './styles/trace-tools.css';
import './styles/chrome.css';
import './styles/charts.css';
import './styles/editors.css';
import './styles/dark.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

applyTheme(storedTheme());
startStore();
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
