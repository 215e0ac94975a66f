import { FaultlineError } from '../../../../core/errors.ts';
import { parseSloSpecs } from '../../../../core/slo/specs/index.ts';

/** Parses text expected to be refused and returns the error, failing the test if it parses. */
export function specError(text: string, file = 'slos.yaml'): FaultlineError {
  try {
    parseSloSpecs(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(FaultlineError);
    return error as FaultlineError;
  }
  throw new Error('expected the spec to be refused');
}
