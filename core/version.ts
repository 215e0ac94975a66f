/** Who we are in result files, SARIF and journals; kept apart so the CLI can say it without loading more. */
export const TOOL_NAME = 'faultline';
export const TOOL_VERSION = '0.1.0';
