/** The schema itself, pretty-printed: the lossless format that `parseReport` reads back. */
import type { Exporter } from './types';

export const jsonExporter: Exporter = {
  format: 'json',
  extension: '.json',
  mime: 'application/json',
  title: 'ThreadLab report (JSON)',
  export: (report) => JSON.stringify(report, null, 2) + '\n',
};
