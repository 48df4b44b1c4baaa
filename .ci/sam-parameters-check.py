#!/usr/bin/env python3
"""Shows, with the SAM translator that `sam deploy` uses, that changing a recipe parameter reaches the
functions (issue 10, defect 1). AutoPublishAlias hashes a function's environment *unresolved*, so a
parameter referenced there publishes no new version when it changes (SAM issues 1640, 3820). thumbflow
keeps the recipe and output prefix out of the functions' environment and passes them in each task's payload
through the state machine's DefinitionSubstitutions, which CloudFormation resolves and updates.

For two parameter sets this checks that:
  1. the functions' version logical ids and environments are identical (nothing there depends on them);
  2. no function environment holds a recipe or prefix variable;
  3. the state machine's DefinitionSubstitutions refer to every recipe parameter, and the definition
     CloudFormation would deploy (substitutions applied to the ASL file) differs between the sets and carries
     each set's values in every task's "config".
Usage: python3 .ci/sam-parameters-check.py (from the repository root). Exit 1 on any failure.
"""
import copy
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

RECIPE_PARAMETERS = ["Renditions", "ThumbnailSize", "BlurRadius", "OutputFormat", "Placeholders", "OutputPrefix"]
SETS = [
    {},
    {"Renditions": "lqip:50x50,card:256x256:cover", "ThumbnailSize": "64x64", "BlurRadius": "0",
     "OutputFormat": "webp", "Placeholders": "true", "OutputPrefix": "renditions/"},
]
FORBIDDEN_ENV = {"THUMBFLOW_RENDITIONS", "THUMBFLOW_SIZE", "THUMBFLOW_BLUR_RADIUS", "THUMBFLOW_FORMAT",
                 "THUMBFLOW_PLACEHOLDER", "THUMBFLOW_OUTPUT_PREFIX"}


def translate(template, values):
    t = copy.deepcopy(template)
    # Local paths are what `sam package` replaces with S3 locations; the translator wants the latter.
    for res in t["Resources"].values():
        props = res.get("Properties", {})
        if "CodeUri" in props or res["Type"] == "AWS::Serverless::Function":
            props["CodeUri"] = "s3://bucket/code.zip"
        if "DefinitionUri" in props:
            props["DefinitionUri"] = "s3://bucket/thumbflow.asl.json"
    glob = t.get("Globals", {}).get("Function", {})
    if "CodeUri" in glob:
        glob["CodeUri"] = "s3://bucket/code.zip"
    params = {k: str(v["Default"]) for k, v in t["Parameters"].items() if "Default" in v}
    params.update(values)
    return transform(t, params, None), params


def resolve(value, params):
    """CloudFormation's Ref to a parameter; resources stand in by name."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        return params.get(value["Ref"], "<" + value["Ref"] + ">")
    if isinstance(value, dict) and list(value) == ["Fn::GetAtt"]:
        return "<" + ".".join(value["Fn::GetAtt"]) + ">"
    return value


def main():
    with open("template.yaml") as f:
        template = yaml_parse(f.read())
    with open("orchestrator/statemachine/thumbflow.asl.json") as f:
        asl_text = f.read()
    outcomes = []
    failures = []
    for values in SETS:
        out, params = translate(template, values)
        resources = out["Resources"]
        versions = sorted(k for k, v in resources.items() if v["Type"] == "AWS::Lambda::Version")
        envs = {k: v["Properties"].get("Environment", {}).get("Variables", {})
                for k, v in resources.items() if v["Type"] == "AWS::Lambda::Function"}
        machine = next(v for v in resources.values() if v["Type"] == "AWS::StepFunctions::StateMachine")
        subs = machine["Properties"]["DefinitionSubstitutions"]
        for p in RECIPE_PARAMETERS:
            if not any(isinstance(v, dict) and v.get("Ref") == p for v in subs.values()):
                failures.append("DefinitionSubstitutions do not refer to parameter " + p)
        for name, env in envs.items():
            bad = FORBIDDEN_ENV & set(env)
            if bad:
                failures.append(name + " environment holds " + ", ".join(sorted(bad)))
        definition = asl_text
        for key, value in subs.items():
            definition = definition.replace("${" + key + "}", str(resolve(value, params)))
        outcomes.append((values, versions, envs, json.loads(definition), params))

    (v0, ver0, env0, def0, p0), (v1, ver1, env1, def1, p1) = outcomes
    if ver0 != ver1:
        failures.append("function versions differ between parameter sets: %s vs %s" % (ver0, ver1))
    if json.dumps(env0, sort_keys=True) != json.dumps(env1, sort_keys=True):
        failures.append("function environments differ between parameter sets")
    if def0 == def1:
        failures.append("the deployed definition is the same for both parameter sets")
    configs = []

    def collect(node):
        if isinstance(node, dict):
            if "config" in node and isinstance(node["config"], dict) and "outputPrefix" in node["config"]:
                configs.append(node["config"])
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)
    collect(def1)
    expected = {"renditions": p1["Renditions"], "size": p1["ThumbnailSize"], "blurRadius": p1["BlurRadius"],
                "format": p1["OutputFormat"], "placeholder": p1["Placeholders"], "outputPrefix": p1["OutputPrefix"]}
    if len(configs) < 5:
        failures.append("expected a config in every task payload (5), found %d" % len(configs))
    for c in configs:
        if c != expected:
            failures.append("a task payload config is %s, expected %s" % (c, expected))

    print("function versions (both sets): " + ", ".join(ver0))
    print("thumbnail config deployed with defaults:   " + json.dumps(
        {k: p0[k] for k in RECIPE_PARAMETERS}))
    print("thumbnail config deployed with the second: " + json.dumps(configs[0] if configs else {}))
    print("task payloads carrying it: %d" % len(configs))
    if failures:
        for f in failures:
            print("FAIL: " + f, file=sys.stderr)
        sys.exit(1)
    print("sam parameters check: a recipe or prefix change reaches every task; no function version depends on it")


if __name__ == "__main__":
    main()
