import { afterAll, describe, expect, it } from 'vitest';
import { createLabService } from '../../electron/lab/api/lab-service';
import { LabError } from '../../electron/common/errors';
import { labApiContract, TINY } from './api-contract';

labApiContract('in-process', async () => {
  const service = createLabService();
  return { api: service, transport: 'in-process', close: () => service.close() };
});

describe('LabService lifecycle', () => {
  const service = createLabService({ sampleCpu: false });
  afterAll(() => service.close());

  it('close() cancels the running experiment, waits for it, and refuses new ones', async () => {
    const finished: string[] = [];
    service.onEvent((e) => {
      if (e.type === 'experiment-finished') finished.push(e.report.status);
    });
    await service.startExperiment({ ...TINY, repeat: 500 });
    expect(service.busy).toBe(true);
    await service.close();
    expect(service.busy).toBe(false);
    expect(finished).toEqual(['cancelled']);
    const err = await service.startExperiment(TINY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('busy');
  });

  it('reports a missing worker entries folder as an error instead of hanging', async () => {
    const broken = createLabService({ entriesDir: '/nonexistent/threadlab-entries' });
    const err = await broken.startExperiment(TINY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toContain('thread-entry.js');
    expect(broken.busy).toBe(false);
    await broken.close();
  });
});
