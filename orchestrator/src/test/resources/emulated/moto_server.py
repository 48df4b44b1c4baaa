"""moto's AWS server with its Step Functions interpreter on, patched so thumbflow's real state machine runs.

Started by io.thumbflow.orchestrator.emulated.EmulatedCloud:

    python moto_server.py HOST PORT

Environment:
    THUMBFLOW_LAMBDA_ENDPOINT    base URL of the Lambda Invoke API that serves the project's handlers (required)
    THUMBFLOW_RETRY_TIME_SCALE   factor applied to every Retry back-off sleep (default 1: real time)
    THUMBFLOW_MOTO_SKIP_PATCHES  patch numbers not to apply (e.g. "5,7"), to show what a test depends on

Written against moto 5.2.1 (the version preinstalled here); every patch below says why it exists and where
the upstream report is. Patches only replace moto functions in this process; nothing on disk changes.
Searches of getmoto/moto issues were made on 2026-11-25 ("as of" below).
"""

import copy
import datetime
import importlib
import json
import os
import pkgutil
import re
import sys
import threading
import time
import uuid

HOST = sys.argv[1]
PORT = sys.argv[2]
LAMBDA_ENDPOINT = os.environ["THUMBFLOW_LAMBDA_ENDPOINT"]
RETRY_TIME_SCALE = float(os.environ.get("THUMBFLOW_RETRY_TIME_SCALE", "1"))
# Patch numbers to leave out, e.g. "5,7": to see which behaviour of moto a test depends on.
SKIPPED_PATCHES = {int(n) for n in os.environ.get("THUMBFLOW_MOTO_SKIP_PATCHES", "").replace(",", " ").split()}


def _on(patch):
    return patch not in SKIPPED_PATCHES


# The interpreter's own S3 and Lambda clients call http://localhost:$MOTO_PORT (moto/settings.py
# moto_server_port()). moto.server.main only sets it when it is unset, so an inherited MOTO_PORT would send
# ItemReader and ResultWriter calls to another server: set it to the port this server listens on.
os.environ["MOTO_PORT"] = PORT

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from moto.core.config import default_user_config  # noqa: E402

# Off by default: without it moto only records executions and never runs them.
default_user_config["stepfunctions"]["execute_state_machine"] = True

import moto.stepfunctions.parser  # noqa: E402

# Import every interpreter module now, so the name rebinding of patch 7 reaches all of them (a few modules
# ported from LocalStack import LocalStack-only code and are never used by moto: skip those).
for _module in pkgutil.walk_packages(moto.stepfunctions.parser.__path__, "moto.stepfunctions.parser."):
    try:
        importlib.import_module(_module.name)
    except ImportError:
        pass

from moto.stepfunctions.models import StateMachine  # noqa: E402
from moto.stepfunctions.parser.api import (  # noqa: E402
    HistoryEventType,
    MapRunFailedEventDetails,
)
from moto.stepfunctions.parser.asl.component.common.comment import Comment  # noqa: E402
from moto.stepfunctions.parser.asl.component.common.error_name.failure_event import (  # noqa: E402
    FailureEvent,
    FailureEventException,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name import (  # noqa: E402
    StatesErrorName,
)
from moto.stepfunctions.parser.asl.component.common.error_name.states_error_name_type import (  # noqa: E402
    StatesErrorNameType,
)
from moto.stepfunctions.parser.asl.component.common.retry import retrier_decl  # noqa: E402
from moto.stepfunctions.parser.asl.component.state.exec.state_map import state_map  # noqa: E402
from moto.stepfunctions.parser.asl.component.state.exec.state_map.item_reader.eval import (  # noqa: E402
    resource_eval_s3 as item_reader_s3,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration import (  # noqa: E402
    distributed_iteration_component,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.iteration.itemprocessor import (  # noqa: E402
    distributed_item_processor_worker,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.result_writer.resource_eval import (  # noqa: E402
    resource_eval_s3 as result_writer_s3,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_map.tolerated_failure import (  # noqa: E402
    ToleratedFailureCountDecl,
    ToleratedFailurePercentageDecl,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_task import lambda_eval_utils  # noqa: E402
from moto.stepfunctions.parser.asl.eval.event.event_detail import EventDetails  # noqa: E402
from moto.stepfunctions.parser.asl.eval.program_state import (  # noqa: E402
    ProgramEnded,
    ProgramError,
    ProgramStopped,
    ProgramTimedOut,
)
from moto.stepfunctions.parser.asl.utils import json_path  # noqa: E402
from moto.stepfunctions.parser.asl.utils.boto_client import boto_client_for  # noqa: E402
from moto.stepfunctions.parser.asl.utils.encoding import to_json_str  # noqa: E402
from moto.stepfunctions.parser.backend import execution_worker  # noqa: E402


def _aws_timestamp(moment):
    """The form Step Functions gives timestamps in JSON: UTC, milliseconds, 'Z' (2026-11-25T10:00:00.123Z)."""
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + (
        "%03dZ" % (moment.microsecond // 1000)
    )


# ------------------------------------------------------------------------------------------------------------
# Patch 1: a second StartExecution of one state machine answers HTTP 500 "cannot pickle '_thread.RLock'".
# StepFunctionsParserBackend.start_execution deep-copies the state machine, including its past executions,
# whose workers hold locks. The copy only needs the definition, so the clone gets an empty execution list.
# Upstream: getmoto/moto#10077, fixed by getmoto/moto#10093 (moto 5.2.3). Same patch as cloud/MotoServer.java.
# ------------------------------------------------------------------------------------------------------------
def _copy_without_executions(self, memo):
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, [] if name == "executions" else copy.deepcopy(value, memo))
    return clone


if _on(1):
    StateMachine.__deepcopy__ = _copy_without_executions


# ------------------------------------------------------------------------------------------------------------
# Patch 2: Lambda tasks. moto sends them to its own Lambda backend, which runs functions in Docker (absent
# here) and knows none of ours. Both task forms (arn:aws:states:::lambda:invoke with FunctionName, and a
# function ARN as Resource) reach _invoke_lambda_function, so it is replaced by the same boto3 Invoke call
# sent to THUMBFLOW_LAMBDA_ENDPOINT, which implements the Lambda Invoke API (POST
# /2015-03-31/functions/{FunctionName}/invocations) in front of the real handlers: a function error is the
# X-Amz-Function-Error header with an {"errorType","errorMessage"} body, which boto3 reports as FunctionError
# and moto turns into an error named errorType; a service error (e.g. 429 TooManyRequestsException) is a
# ClientError, which moto names Lambda.<Code> for the lambda:invoke integration, as AWS does.
# Upstream: none needed (moto runs Lambdas in Docker by design); no upstream issue found as of 2026-11-25.
# ------------------------------------------------------------------------------------------------------------
_lambda_clients = {}
_lambda_clients_lock = threading.Lock()


def _lambda_client(region):
    with _lambda_clients_lock:
        client = _lambda_clients.get(region)
        if client is None:
            # boto3.client() on the shared default session is not thread-safe: one client per region, made
            # under the lock; clients themselves are thread-safe.
            client = boto3.session.Session().client(
                "lambda",
                region_name=region,
                endpoint_url=LAMBDA_ENDPOINT,
                aws_access_key_id="ak",
                aws_secret_access_key="sk",
                config=Config(
                    parameter_validation=False,
                    retries={"max_attempts": 0, "total_max_attempts": 1},
                    connect_timeout=10,
                    read_timeout=900,
                    max_pool_connections=64,
                ),
            )
            _lambda_clients[region] = client
        return client


def _invoke_lambda_function(parameters, region, state_credentials):
    response = _lambda_client(region).invoke(**parameters)
    response["Payload"] = lambda_eval_utils._from_payload(response["Payload"])
    return response


if _on(2):
    lambda_eval_utils._invoke_lambda_function = _invoke_lambda_function


# ------------------------------------------------------------------------------------------------------------
# Patch 3: Retry back-off sleeps for real (RetrierDecl._eval_body calls time.sleep(interval)). The production
# Retry (2 s, x2, at most 30 s, full jitter, 6 retries) would make one exhausted retry chain last up to 90 s.
# THUMBFLOW_RETRY_TIME_SCALE scales only that sleep, so IntervalSeconds, BackoffRate, MaxDelaySeconds,
# MaxAttempts and JitterStrategy run exactly as the definition says. Not a moto bug.
# ------------------------------------------------------------------------------------------------------------
class _ScaledSleepTime:
    def __getattr__(self, name):
        return getattr(time, name)

    @staticmethod
    def sleep(seconds):
        time.sleep(max(0.0, seconds) * RETRY_TIME_SCALE)


if _on(3):
    retrier_decl.time = _ScaledSleepTime()


# ------------------------------------------------------------------------------------------------------------
# Patch 4: ItemBatcher. moto's grammar rejects the field, so the test-only rewrite
# (io.thumbflow.orchestrator.emulated.TestDefinition) removes it, replaces it with an ItemSelector
# {"Items.$": "$$.Map.Item.Value", "BatchInput": <the BatchInput>} and records the batcher in the Map's
# Comment as "[thumbflow-test ItemBatcher MaxItemsPerBatch=25 MaxInputBytesPerBatch=262144]" (not JSON: moto
# keeps the Comment's JSON escapes). Here the items the ItemReader produced are grouped into
# batches of at most MaxItemsPerBatch items (and MaxInputBytesPerBatch bytes of items) before the children
# start, so each child sees {"Items": [...], "BatchInput": {...}} as it would on AWS.
# Upstream: no moto issue found as of 2026-11-25 (LocalStack, where the interpreter comes from:
# localstack/localstack#9758, #10884).
# ------------------------------------------------------------------------------------------------------------
_BATCHER_MARK = re.compile(r"\[thumbflow-test ItemBatcher((?: \w+=\d+)*)\]")
_original_state_map_from_state_props = state_map.StateMap.from_state_props


def _state_map_from_state_props(self, state_props):
    _original_state_map_from_state_props(self, state_props)
    comment = state_props.get(Comment)
    mark = _BATCHER_MARK.search(comment.comment) if comment is not None else None
    self.iteration_component.thumbflow_batcher = (
        {k: int(v) for k, v in (pair.split("=") for pair in mark.group(1).split())} if mark else None
    )
    # Patch 6 needs to know which tolerance fields the definition really declares (moto defaults both to 0).
    self.iteration_component.thumbflow_tolerance_declared = (
        state_props.get(ToleratedFailureCountDecl) is not None,
        state_props.get(ToleratedFailurePercentageDecl) is not None,
    )


if _on(4) or _on(6):
    state_map.StateMap.from_state_props = _state_map_from_state_props


def _batches(items, batcher):
    max_items = batcher.get("MaxItemsPerBatch") or len(items) or 1
    max_bytes = batcher.get("MaxInputBytesPerBatch")
    batches, batch, batch_bytes = [], [], 2
    for item in items:
        item_bytes = len(to_json_str(item, separators=(",", ":")).encode("utf-8")) + 1
        if batch and (len(batch) >= max_items or (max_bytes and batch_bytes + item_bytes > max_bytes)):
            batches.append(batch)
            batch, batch_bytes = [], 2
        batch.append(item)
        batch_bytes += item_bytes
    if batch:
        batches.append(batch)
    return batches


# ------------------------------------------------------------------------------------------------------------
# Patch 5: ResultWriter writes only manifest.json with empty ResultFiles (the "TODO: generate result files" in
# result_writer/resource_eval/resource_eval_s3.py; the Map's results are popped and dropped). Each child run
# is recorded here (input after ItemSelector/batching, output or error, status, dates) and _handle_put_object
# writes what AWS documents (docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html):
# <Prefix>/<map run id>/SUCCEEDED_0.json, FAILED_0.json, ... (a JSON array of child executions
# {"ExecutionArn", "Input", "InputDetails", "Name", "Output"|"Error"+"Cause", "OutputDetails", "RedriveCount",
# "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate"}, Input and Output as JSON strings)
# and a manifest.json listing them with their sizes.
# Upstream: the TODO came with the LocalStack port (localstack/localstack#11381); no moto issue found as of
# 2026-11-25.
# ------------------------------------------------------------------------------------------------------------
_child = threading.local()
_records_lock = threading.Lock()
_Worker = distributed_item_processor_worker.DistributedItemProcessorWorker
_original_eval_input = _Worker._eval_input
_original_eval_job = _Worker._eval_job


def _eval_input(self, env_frame):
    _original_eval_input(self, env_frame)
    _child.input = env_frame.states.get_input()


def _eval_job(self, env, job):
    _child.input = job.job_input
    started = datetime.datetime.now(tz=datetime.timezone.utc)
    _original_eval_job(self, env, job)
    stopped = datetime.datetime.now(tz=datetime.timezone.utc)
    state = env.program_state()
    record_map = self._map_run_record
    name = str(uuid.uuid4())
    record = {
        "ExecutionArn": record_map.map_run_arn.replace(":mapRun:", ":execution:", 1).rsplit(":", 1)[0]
        + ":"
        + name,
        "Input": to_json_str(_child.input, separators=(",", ":")),
        "InputDetails": {"Included": True},
        "Name": name,
        "RedriveCount": 0,
        "StartDate": _aws_timestamp(started),
        "StateMachineArn": record_map.map_state_machine_arn,
        "StopDate": _aws_timestamp(stopped),
    }
    if isinstance(state, ProgramEnded):
        record["Status"] = "SUCCEEDED"
        record["Output"] = to_json_str(job.job_output, separators=(",", ":"))
        record["OutputDetails"] = {"Included": True}
        record["RedriveStatus"] = "NOT_REDRIVABLE"
        record["RedriveStatusReason"] = "Execution is SUCCEEDED and cannot be redriven"
    else:
        if isinstance(state, ProgramError):
            record["Status"] = "FAILED"
            details = state.error or {}
            record["Error"] = details.get("error", "States.Runtime")
            record["Cause"] = details.get("cause", "")
        elif isinstance(state, ProgramTimedOut):
            record["Status"] = "TIMED_OUT"
            record["Error"] = "States.Timeout"
        elif isinstance(state, ProgramStopped):
            record["Status"] = "ABORTED"
        else:
            record["Status"] = "FAILED"
            record["Error"] = "States.Runtime"
            record["Cause"] = "the child ended in state " + type(state).__name__
        record["RedriveStatus"] = "REDRIVABLE"
    items = _child.input.get("Items") if isinstance(_child.input, dict) else None
    with _records_lock:
        if not hasattr(record_map, "thumbflow_children"):
            record_map.thumbflow_children = {}
        record_map.thumbflow_children[job.job_index] = (record, len(items) if isinstance(items, list) else 1)


if _on(5) or _on(6):
    _Worker._eval_input = _eval_input
    _Worker._eval_job = _eval_job

_RESULT_FILE_STATUSES = ("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED")


def _handle_put_object(env, resource_runtime_part, state_credentials):
    parameters = env.stack.pop()
    env.stack.pop()  # the Map's result list: the records above carry the same outputs plus inputs and errors
    s3_client = boto_client_for(
        service="s3", region=resource_runtime_part.region, state_credentials=state_credentials
    )
    map_run_record = env.map_run_record_pool_manager.get_all().pop()
    map_run_uuid = map_run_record.map_run_arn.split(":")[-1]
    prefix = parameters.get("Prefix", "")
    if prefix != "" and not prefix.endswith("/"):
        prefix += "/"
    children = getattr(map_run_record, "thumbflow_children", {})
    records = [children[index][0] for index in sorted(children)]
    result_files = {"FAILED": [], "PENDING": [], "SUCCEEDED": []}
    for status in _RESULT_FILE_STATUSES:
        of_status = [r for r in records if r["Status"] == status]
        if not of_status:
            continue
        body = json.dumps(of_status, separators=(",", ":")).encode("utf-8")
        key = prefix + map_run_uuid + "/" + status + "_0.json"
        s3_client.put_object(Bucket=parameters["Bucket"], Key=key, Body=body)
        result_files.setdefault(status, []).append({"Key": key, "Size": len(body)})
    manifest = {
        "DestinationBucket": parameters["Bucket"],
        "MapRunArn": map_run_record.map_run_arn,
        "ResultFiles": result_files,
    }
    key = prefix + map_run_uuid + "/manifest.json"
    s3_client.put_object(
        Bucket=parameters["Bucket"], Key=key, Body=json.dumps(manifest, indent=2).encode("utf-8")
    )
    env.stack.append(
        {
            "MapRunArn": map_run_record.map_run_arn,
            "ResultWriterDetails": {"Bucket": parameters["Bucket"], "Key": key},
        }
    )


if _on(5):
    result_writer_s3.ResourceEvalS3._handle_put_object = staticmethod(_handle_put_object)


# ------------------------------------------------------------------------------------------------------------
# Patch 6: ToleratedFailureCount/Percentage are parsed but never enforced (map_run_record.py: "TODO: add
# support for failure toleration fields"): a failed child becomes a null result and the Map run succeeds. AWS
# fails the Map run with States.ExceedToleratedFailureThreshold once failed items exceed a declared threshold,
# and on the first failure when neither is declared. Checked here after the children end (AWS may stop
# earlier; the outcome is the same). Also applies patch 4's batching before the children start.
# Upstream: no moto issue found as of 2026-11-25 (LocalStack: localstack/localstack#10056, #11058).
# ------------------------------------------------------------------------------------------------------------
_Component = distributed_iteration_component.DistributedIterationComponent
_original_map_run = _Component._map_run


def _map_run(self, env, eval_input):
    batcher = getattr(self, "thumbflow_batcher", None)
    if batcher is not None and _on(4):
        env.stack.append(_batches(env.stack.pop(), batcher))
    _original_map_run(self, env, eval_input)
    if not _on(6):
        return
    record_map = eval_input.map_run_record
    children = getattr(record_map, "thumbflow_children", {}).values()
    items = sum(count for _, count in children)
    failed = sum(count for record, count in children if record["Status"] != "SUCCEEDED")
    if failed == 0:
        return
    count_declared, percentage_declared = getattr(self, "thumbflow_tolerance_declared", (False, False))
    exceeded = []
    if count_declared and failed > record_map.tolerated_failure_count:
        exceeded.append("%d failed items > ToleratedFailureCount %d" % (failed, record_map.tolerated_failure_count))
    percent = 100.0 * failed / items
    if percentage_declared and percent > record_map.tolerated_failure_percentage:
        exceeded.append(
            "%.1f%% failed items > ToleratedFailurePercentage %s"
            % (percent, record_map.tolerated_failure_percentage)
        )
    if not count_declared and not percentage_declared:
        exceeded.append("%d failed items and no tolerated failures declared" % failed)
    if exceeded:
        error = StatesErrorNameType.StatesExceedToleratedFailureThreshold.to_name()
        cause = "The specified tolerated failure threshold was exceeded: " + "; ".join(exceeded)
        raise FailureEventException(
            failure_event=FailureEvent(
                env=env,
                error_name=StatesErrorName(typ=StatesErrorNameType.StatesExceedToleratedFailureThreshold),
                event_type=HistoryEventType.MapRunFailed,
                event_details=EventDetails(
                    mapRunFailedEventDetails=MapRunFailedEventDetails(error=error, cause=cause)
                ),
            )
        )


if _on(4) or _on(6):
    _Component._map_run = _map_run


# ------------------------------------------------------------------------------------------------------------
# Patch 7: a definite JSONPath through an array index, e.g. the Choice variable $.input[0].eventSource,
# evaluates to a one-element list (["aws:sqs"]), so StringEquals "aws:sqs" is false and the Pipe's SQS batch
# is rejected as unrecognised input. json_path.extract_json wraps every match whose parent was reached by an
# index (a condition added for filter expressions, getmoto/moto#7825) and only unwraps paths that END in
# [n]. AWS returns the single value of a definite path (no wildcard, slice, filter, union or '..'), so such
# paths return their one match; every other path keeps moto's logic.
# Upstream: no moto issue found as of 2026-11-25 (the wrapping came with getmoto/moto#7830 for #7825).
# ------------------------------------------------------------------------------------------------------------
_original_extract_json = json_path.extract_json
_INDEFINITE = re.compile(r"\*|\.\.|\[\s*\?|\[[^\]]*[:,][^\]]*\]")


def _extract_json(path, data):
    if _INDEFINITE.search(path):
        return _original_extract_json(path, data)
    matches = json_path.parse(path).find(data)
    if len(matches) == 1:
        return matches[0].value
    return _original_extract_json(path, data)


if _on(7):
    json_path.extract_json = _extract_json
    for _name, _module in list(sys.modules.items()):
        if _name.startswith("moto.stepfunctions.parser.") and getattr(_module, "extract_json", None) is (
            _original_extract_json
        ):
            _module.extract_json = _extract_json


# ------------------------------------------------------------------------------------------------------------
# Patch 8: $$.Execution.StartTime is a Python datetime in the context object. In a payload it serialises as
# "2026-11-25 10:00:00.123456+00:00"; reaching an execution's output it makes DescribeExecution fail. AWS
# gives an ISO 8601 string in UTC with milliseconds and 'Z'.
# Upstream: no moto issue found as of 2026-11-25.
# ------------------------------------------------------------------------------------------------------------
_original_environment = execution_worker.ExecutionWorker._get_evaluation_environment


def _get_evaluation_environment(self):
    environment = _original_environment(self)
    execution = environment.states.context_object.context_object_data["Execution"]
    if isinstance(execution.get("StartTime"), datetime.datetime):
        execution["StartTime"] = _aws_timestamp(execution["StartTime"])
    return environment


if _on(8):
    execution_worker.ExecutionWorker._get_evaluation_environment = _get_evaluation_environment


# ------------------------------------------------------------------------------------------------------------
# Patch 9: ItemReader arn:aws:states:::s3:listObjectsV2 (item_reader/eval/resource_eval_s3.py):
#  - reads response["Contents"], which S3 omits when nothing matches: an empty prefix fails with
#    States.Runtime ('Contents') instead of a Map over no items;
#  - reads only the first page (1000 keys); AWS lists every object under the prefix;
#  - hands boto's entries on ({"Key", "ETag", "LastModified": datetime, "Size", "StorageClass",
#    "ChecksumAlgorithm"}); AWS documents items {"Etag", "Key", "LastModified" (epoch seconds), "Size",
#    "StorageClass"} (docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
# Upstream: no moto issue found as of 2026-11-25.
# ------------------------------------------------------------------------------------------------------------
def _handle_list_objects_v2(env, resource_runtime_part, state_credentials):
    s3_client = item_reader_s3.ResourceEvalS3._get_s3_client(
        resource_runtime_part=resource_runtime_part, state_credentials=state_credentials
    )
    parameters = env.stack.pop()
    items = []
    for page in s3_client.get_paginator("list_objects_v2").paginate(**parameters):
        for entry in page.get("Contents", []):
            items.append(
                {
                    "Etag": entry["ETag"],
                    "Key": entry["Key"],
                    "LastModified": int(entry["LastModified"].timestamp()),
                    "Size": entry["Size"],
                    "StorageClass": entry.get("StorageClass", "STANDARD"),
                }
            )
    env.stack.append(items)


if _on(9):
    item_reader_s3.ResourceEvalS3._handle_list_objects_v2 = staticmethod(_handle_list_objects_v2)


# ------------------------------------------------------------------------------------------------------------
# Patch 10: a Catch or Retry on States.ALL takes States.Runtime errors (error_equals_decl.py matches any error
# name against States.ALL). On AWS a States.Runtime error (a JSONPath that selects nothing in a ResultSelector
# or Parameters, for instance) is never retried and fails the execution: "A retry or catch on States.ALL won't
# catch States.Runtime errors" (Step Functions developer guide, "Error names"). Without this patch the tier
# would hide exactly the definition mistakes it exists to find, and a child workflow could never fail.
# Upstream: no moto issue found as of 2026-12-05.
# ------------------------------------------------------------------------------------------------------------
from moto.stepfunctions.parser.asl.component.common.error_name import error_equals_decl  # noqa: E402

_original_error_equals_eval = error_equals_decl.ErrorEqualsDecl._eval_body


def _error_equals_eval(self, env):
    error_name = env.stack[-1]
    runtime = (
        isinstance(error_name, StatesErrorName) and error_name.typ == StatesErrorNameType.StatesRuntime
    )
    if runtime and error_equals_decl.ErrorEqualsDecl._STATE_ALL_ERROR in self.error_names:
        env.stack.pop()
        env.stack.append(False)
        return
    _original_error_equals_eval(self, env)


if _on(10):
    error_equals_decl.ErrorEqualsDecl._eval_body = _error_equals_eval


from moto.server import main  # noqa: E402

main(["-H", HOST, "-p", PORT])
