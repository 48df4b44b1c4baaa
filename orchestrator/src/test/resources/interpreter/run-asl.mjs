// Runs thumbflow.asl.json in aws-local-stepfunctions (an Amazon States Language interpreter) with
// its Lambda Task states overridden by HTTP calls into the project's real handlers (HandlerBridge).
// Usage: node run-asl.mjs ASL_FILE BRIDGE_URL INPUT_FILE EXECUTION_NAME
// With THUMBFLOW_PROCESSOR_OF=<Map state name> it runs that Map's ItemProcessor instead (for a
// Distributed Map: the child workflow that one ItemBatcher batch goes through).
// Prints {"output": ..., "events": [...]} on success; exits 1 with the error on failure.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [aslFile, bridgeUrl, inputFile, executionName] = process.argv.slice(2);
const moduleDir = process.env.THUMBFLOW_NODE_MODULES;
const require = createRequire(path.join(moduleDir, 'noop.js'));
const { StateMachine } = require('aws-local-stepfunctions');

// DefinitionSubstitutions as CloudFormation would apply them; the bridge maps the names back.
const substitutions = {
  ThumbnailFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ThumbnailFunction:live',
  AggregateFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:AggregateFunction:live',
  ThumbsBucket: process.env.THUMBFLOW_THUMBS_BUCKET,
  SourceBucket: process.env.THUMBFLOW_SOURCE_BUCKET,
};
let text = fs.readFileSync(aslFile, 'utf8');
for (const [name, value] of Object.entries(substitutions)) {
  text = text.replaceAll('${' + name + '}', value);
}
let definition = JSON.parse(text);
const processorOf = process.env.THUMBFLOW_PROCESSOR_OF;
if (processorOf) {
  const map = definition.States[processorOf];
  if (!map || map.Type !== 'Map') throw new Error(`no Map state ${processorOf}`);
  const { StartAt, States } = map.ItemProcessor ?? map.Iterator;
  definition = { StartAt, States };
}

// The lambda:invoke integration: the Task's Parameters are {FunctionName, Payload}; the result is
// {Payload: <function output>}; a function error surfaces as its errorType (for Retry and Catch).
async function invoke(parameters) {
  const fn = parameters.FunctionName.split(':')[6];
  const response = await fetch(`${bridgeUrl}/invoke/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(parameters.Payload),
  });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.errorMessage);
    error.name = body.errorType;
    throw error;
  }
  return { Payload: body, StatusCode: 200 };
}

const taskStates = [];
(function collect(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') taskStates.push(name);
    const inner = state.ItemProcessor ?? state.Iterator;
    if (inner) collect(inner.States);
    for (const branch of state.Branches ?? []) collect(branch.States);
  }
})(definition.States);

const stateMachine = new StateMachine(definition, { validationOptions: { checkPaths: true, checkArn: true } });
const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
const execution = stateMachine.run(input, {
  overrides: {
    taskResourceLocalHandlers: Object.fromEntries(taskStates.map((name) => [name, invoke])),
    // Retry delays of 0 ms: the retry count and order are exercised, not the wall-clock backoff.
    retryIntervalOverrides: Object.fromEntries(taskStates.map((name) => [name, 0])),
  },
  context: {
    Execution: {
      Id: `arn:aws:states:us-east-1:123456789012:execution:thumbflow:${executionName}`,
      Name: executionName,
      Input: input,
      StartTime: new Date().toISOString(),
    },
  },
});
const events = [];
const logging = (async () => {
  for await (const event of execution.eventLogs) {
    events.push({ type: event.type, state: event.stateName ?? null, error: event.error ?? null });
  }
})();
try {
  const output = await execution.result;
  await logging;
  process.stdout.write(JSON.stringify({ output, events }) + '\n');
} catch (e) {
  await logging.catch(() => {});
  process.stderr.write(`execution failed: ${e.name}: ${e.message}\n`);
  process.stdout.write(JSON.stringify({ error: { name: e.name, message: e.message }, events }) + '\n');
  process.exit(1);
}
