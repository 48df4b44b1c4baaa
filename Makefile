# Build targets for `sam build` (template.yaml: Metadata BuildMethod: makefile).
# SAM runs `make build-<LogicalId>` with ARTIFACTS_DIR set to the function's build folder; each target
# unpacks the Lambda package (classes at the root, dependencies in lib/) built by the root Maven build.
# `sam build` cannot build a Maven multi-module project by itself; samconfig.toml builds in source so
# the reactor (functions/core + functions/lambda) is found.

ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
MVN ?= mvn
LAMBDA_ZIP := $(ROOT)/functions/lambda/target/thumbflow-lambda.zip
# Rebuild the zip when any pom, main source or natives script of the two modules it contains is newer.
LAMBDA_INPUTS := $(ROOT)/pom.xml $(ROOT)/functions/core/pom.xml $(ROOT)/functions/lambda/pom.xml \
  $(shell find $(ROOT)/functions/core/src/main $(ROOT)/functions/lambda/src/main $(ROOT)/functions/lambda/natives \
    $(ROOT)/functions/lambda/src/assembly -type f 2>/dev/null)

.PHONY: build-ThumbnailFunction build-AggregateFunction lambda-package

lambda-package: $(LAMBDA_ZIP)

# -Pheif-natives: the zip carries libheif for both architectures (functions/lambda/natives/README.md).
$(LAMBDA_ZIP): $(LAMBDA_INPUTS)
	cd $(ROOT) && $(MVN) -B -q -Dmaven.test.skip=true -Pheif-natives -pl functions/lambda -am package
	@test -f $@ || { echo "Maven did not produce $@" >&2; exit 1; }
	touch $@

build-ThumbnailFunction build-AggregateFunction: $(LAMBDA_ZIP)
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	mkdir -p "$(ARTIFACTS_DIR)"
	unzip -q -o $(LAMBDA_ZIP) -d "$(ARTIFACTS_DIR)"
