// `npm run bench`: every benchmark, printing numbers (never pass/fail timings).
import { benchRunner } from './runner.bench';
import { benchHeroku } from './heroku.bench';
import { benchExplorer } from './explorer.bench';
import { benchConfigVars } from './configVars.bench';
import { benchLogs } from './logs.bench';
import { benchLogFilter } from './logFilter.bench';
import { benchMetrics } from './metricsDraw.bench';
import { benchDeploy } from './deploy.bench';
import { benchRun } from './run.bench';
import { benchAccounts } from './accounts.bench';
import { benchAgentTools } from './agentTools.bench';

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  await benchRunner();
  await benchHeroku();
  await benchExplorer();
  await benchConfigVars();
  await benchLogs();
  await benchLogFilter();
  await benchMetrics();
  await benchDeploy();
  await benchRun();
  await benchAccounts();
  await benchAgentTools();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
