/**
 * AWS Fault Injection Service: start an experiment from a template (tagged with owner and fault
 * id, idempotent through a client token derived from the fault id), wait until it runs, and stop
 * it on rollback or abort. The template's own action durations and stop conditions end it on the
 * AWS side; our `ttl` is the watchdog deadline on top of that.
 */
import type { Experiment, FisClient, ListExperimentsCommandOutput } from '@aws-sdk/client-fis';
import { FaultlineError } from '../errors.ts';
import { ArgumentReader, safeName } from './arguments.ts';
import { sleep } from './proc.ts';
import type { DriverContext, FaultDriver, FaultPlan } from './types.ts';

export interface AwsFisParams {
  templateId: string;
  region: string;
  ttlSeconds: number;
  pollSeconds: number;
}

interface FisUndo {
  region: string;
  /** Known once StartExperiment answered. */
  experimentId?: string;
  /** In the record written before inject: find the experiment by its fault-id tag. */
  templateId?: string;
  faultId?: string;
}

const ARGUMENTS = ['template-id', 'region', 'ttl', 'poll-interval'] as const;
const ENDED = new Set(['completed', 'stopped', 'failed', 'cancelled']);
const STARTED = new Set(['running', 'completed']);

function validate(args: unknown): AwsFisParams {
  const reader = new ArgumentReader('aws-fis', args, ARGUMENTS);
  return {
    templateId: reader.string('template-id', { required: true, pattern: /^EXT[A-Za-z0-9]{5,60}$/, patternText: 'an experiment template id like EXT1a2b3c4d5e6f7' }),
    region: reader.string('region', { required: true, pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d$/, patternText: 'an AWS region like eu-west-1' }),
    ttlSeconds: reader.seconds('ttl', { min: 60, max: 43_200, fallback: 900 }),
    pollSeconds: reader.seconds('poll-interval', { min: 1, max: 60, fallback: 5 }),
  };
}

function plan(params: AwsFisParams): FaultPlan {
  return {
    driver: 'aws-fis',
    action: `start FIS experiment from template ${params.templateId}`,
    target: `the template's targets in ${params.region}`,
    ttlSeconds: params.ttlSeconds,
    undo: "StopExperiment; the template's action durations and stop conditions also end it on the AWS side",
  };
}

/** StartExperiment's idempotency token (at most 64 characters). */
export function clientToken(faultId: string): string {
  return `faultline-${safeName(faultId, 54)}`;
}

function awsError(error: unknown, what: string): FaultlineError {
  const name = (error as { name?: string }).name ?? 'Error';
  const hints: Record<string, string> = {
    AccessDeniedException: 'the role needs fis:StartExperiment, fis:GetExperiment, fis:StopExperiment, fis:ListExperiments and fis:TagResource (plus iam:PassRole for the template role)',
    ResourceNotFoundException: 'check "template-id" and "region": the template must exist in that region',
    CredentialsProviderError: 'configure AWS credentials for the job, e.g. aws-actions/configure-aws-credentials with OIDC',
  };
  return new FaultlineError(`driver "aws-fis": ${what} failed: ${name}: ${(error as Error).message}`, {
    hint: hints[name],
    exitCode: 1,
    cause: error,
  });
}

/** The SDK is loaded on first use, so validating or planning an experiment stays fast. */
const fisSdk = () => import('@aws-sdk/client-fis');

export interface AwsFisDriverOptions {
  /** Builds the FIS client for a region; tests inject credentials and an endpoint. */
  client?: (region: string) => FisClient;
}

export function createAwsFisDriver(options: AwsFisDriverOptions = {}): FaultDriver<AwsFisParams> {
  const clients = new Map<string, FisClient>();
  const clientFor = async (region: string): Promise<FisClient> => {
    let client = clients.get(region);
    if (!client) {
      client = options.client ? options.client(region) : new (await fisSdk()).FisClient({ region });
      clients.set(region, client);
    }
    return client;
  };

  async function getExperiment(region: string, id: string): Promise<Experiment | undefined> {
    try {
      return (await (await clientFor(region)).send(new (await fisSdk()).GetExperimentCommand({ id }))).experiment;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw awsError(error, `GetExperiment ${id}`);
    }
  }

  async function stop(region: string, id: string, context: Pick<DriverContext, 'log'>): Promise<void> {
    const current = await getExperiment(region, id);
    const status = current?.state?.status;
    if (!current || (status && ENDED.has(status))) {
      context.log(`aws-fis: experiment ${id} already ended (${status ?? 'not found'})`);
      return;
    }
    try {
      await (await clientFor(region)).send(new (await fisSdk()).StopExperimentCommand({ id }));
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw awsError(error, `StopExperiment ${id}`);
    }
    context.log(`aws-fis: stopping experiment ${id}`);
  }

  /** The experiment a crashed inject started, found by the fault-id tag we put on it. */
  async function findByTag(region: string, templateId: string | undefined, faultId: string): Promise<string | undefined> {
    let nextToken: string | undefined;
    for (let page = 0; page < 20; page++) {
      let answer: ListExperimentsCommandOutput;
      try {
        answer = await (await clientFor(region)).send(new (await fisSdk()).ListExperimentsCommand({ maxResults: 100, nextToken }));
      } catch (error) {
        throw awsError(error, 'ListExperiments');
      }
      const found = answer.experiments?.find(
        (e) => e.tags?.['fault-id'] === faultId && (templateId === undefined || e.experimentTemplateId === templateId),
      );
      if (found?.id) return found.id;
      nextToken = answer.nextToken;
      if (!nextToken) return undefined;
    }
    return undefined;
  }

  return {
    name: 'aws-fis',
    validate,
    plan,
    undoBeforeInject: (params, context) => ({ region: params.region, templateId: params.templateId, faultId: context.faultId }),
    async inject(params, context) {
      let experiment: Experiment | undefined;
      try {
        const { StartExperimentCommand } = await fisSdk();
        const started = await (await clientFor(params.region)).send(
          new StartExperimentCommand({
            experimentTemplateId: params.templateId,
            clientToken: clientToken(context.faultId),
            tags: { owner: context.owner, 'fault-id': context.faultId },
          }),
          // No abortSignal here on purpose: an aborted request may still have started the
          // experiment, and then we would not know its id to stop it.
        );
        experiment = started.experiment;
      } catch (error) {
        throw awsError(error, `StartExperiment from template ${params.templateId}`);
      }
      const id = experiment?.id;
      if (!id) throw new FaultlineError('driver "aws-fis": StartExperiment returned no experiment id', { exitCode: 1 });
      context.log(`aws-fis: started experiment ${id} from ${params.templateId}`);
      const undo = { region: params.region, experimentId: id };
      // Wait until the actions run: the method's probes should see the fault, not its set-up.
      while (!STARTED.has(experiment?.state?.status ?? '')) {
        const status = experiment?.state?.status;
        if (status && ENDED.has(status)) {
          throw new FaultlineError(`driver "aws-fis": experiment ${id} ${status} before running: ${experiment?.state?.reason ?? 'no reason given'}`, {
            hint: 'open the experiment in the FIS console; a stop condition (CloudWatch alarm) or missing target often explains it',
            exitCode: 1,
          });
        }
        if (context.signal.aborted) {
          await stop(params.region, id, context);
          throw new FaultlineError(`driver "aws-fis": aborted while experiment ${id} was ${status}; it was stopped`, { exitCode: 1 });
        }
        await sleep(params.pollSeconds * 1000);
        experiment = await getExperiment(params.region, id);
      }
      return { undo, output: { experimentId: id, status: experiment?.state?.status, templateId: params.templateId } };
    },
    async revert(undo, context) {
      const record = undo as unknown as FisUndo;
      if (typeof record.region !== 'string' || (typeof record.experimentId !== 'string' && typeof record.faultId !== 'string')) {
        throw new FaultlineError('driver "aws-fis": the undo record is damaged (expected region and experimentId)', { exitCode: 1 });
      }
      const id = record.experimentId ?? (await findByTag(record.region, record.templateId, record.faultId!));
      if (!id) {
        context.log(`aws-fis: no experiment tagged fault-id=${record.faultId}; nothing was started`);
        return;
      }
      await stop(record.region, id, context);
    },
  };
}

export const awsFisDriver = createAwsFisDriver();
