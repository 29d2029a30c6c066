/**
 * PDF and PNG exports through an installed Chromium (electron/lab/report/chromium): what `npm run serve`
 * and the tests use. Without a browser it rejects with the LabError('not-found') that says how to get one.
 * The Electron shell renders in its own offscreen window instead and never loads this.
 */
import { renderPdf, renderPng } from '../report/chromium';
import type { DocumentRenderer } from './library';

export const renderWithChromium: DocumentRenderer = (html, format) =>
  format === 'pdf' ? renderPdf(html) : renderPng(html);
