/**
 * The fault drivers the engine knows, by the name an experiment's provider uses
 * (`{ type: faultline, driver: <name>, arguments: {...} }`). The engine reaches drivers only
 * through this registry and the FaultDriver contract in types.ts.
 */
import { FaultlineError } from '../errors.ts';
import { awsFisDriver } from './aws-fis.ts';
import { kubernetesDriver } from './kubernetes.ts';
import { networkDriver } from './network.ts';
import { processDriver } from './process.ts';
import { stressDriver } from './stress.ts';
import { toxiproxyDriver } from './toxiproxy.ts';
import type { FaultDriver } from './types.ts';

// Each driver checks its own arguments in validate(), so the registry can hold them untyped.
const erase = <P>(driver: FaultDriver<P>) => driver as unknown as FaultDriver;

export const drivers: Readonly<Record<string, FaultDriver>> = Object.freeze({
  process: erase(processDriver),
  network: erase(networkDriver),
  stress: erase(stressDriver),
  toxiproxy: erase(toxiproxyDriver),
  kubernetes: erase(kubernetesDriver),
  'aws-fis': erase(awsFisDriver),
});

export function getDriver(name: string): FaultDriver {
  const driver = Object.hasOwn(drivers, name) ? drivers[name] : undefined;
  if (!driver) {
    throw new FaultlineError(`unknown fault driver "${name}" (known: ${Object.keys(drivers).join(', ')})`, {
      hint: 'set "driver" in the faultline provider to one of the known drivers; see docs/drivers.md',
    });
  }
  return driver;
}

export type { DriverContext, FaultDriver, FaultPlan, InjectedFault, UndoRecord } from './types.ts';
