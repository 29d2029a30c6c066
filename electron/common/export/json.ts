/** The schema itself, pretty-printed: the lossless format that `parseReport` reads back. */
import type { Report } from '../report';
import { inChunks, jsonPieces } from './chunks';
import type { Exporter } from './types';

function* pieces(report: Report): Generator<string> {
  yield* jsonPieces(report);
  yield '\n';
}

export const jsonExporter: Exporter = {
  format: 'json',
  extension: '.json',
  mime: 'application/json',
  title: 'ThreadLab report (JSON)',
  export: (report) => JSON.stringify(report, null, 2) + '\n',
  chunks: (report) => inChunks(pieces(report)),
};
