/** Every demo module by id; the catalog (electron/common) holds what is shown about each. */
import type { DemoId } from '../../common/demos';
import { atomics } from './atomics';
import { barrier } from './barrier';
import { convoy } from './convoy';
import { daemonDemo } from './daemon';
import { deadlock } from './deadlock';
import type { DemoModule } from './demo-module';
import { event } from './event';
import { lifecycle } from './lifecycle';
import { lock } from './lock';
import { nativeGil } from './native-gil';
import { pools } from './pools';
import { queue } from './queue';
import { race } from './race';
import { semaphore } from './semaphore';
import { tcpServer } from './tcp-server';
import { threadVsProcess } from './thread-vs-process';

export const DEMO_MODULES: Readonly<Record<DemoId, DemoModule>> = {
  'thread-vs-process': threadVsProcess,
  lifecycle,
  daemon: daemonDemo,
  race,
  lock,
  atomics,
  deadlock,
  semaphore,
  event,
  queue,
  barrier,
  pools,
  'tcp-server': tcpServer,
  convoy,
  'native-gil': nativeGil,
};
