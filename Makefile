# StorageWatch: build, test, demo. See README.md.
#
#   make demo    install missing system packages, build, run the demo
#   make test    the same set-up, then lint, a warnings-as-errors build and
#                every test
#   make bench   release-built benchmarks, printed beside their baselines

SWIFT ?= swift
SAMPLES ?= $(CURDIR)/../shared/samples
APT_PACKAGES := liblapacke-dev libopenblas-dev zlib1g-dev libssl-dev \
  libdeflate-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN_RELEASE := .build/release

.PHONY: all deps build release demo test lint build-strict unit consumer \
  bench clean remote-test

all: build

# Installs the Debian packages that the system library targets link, only
# when one of them is missing.
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:$$missing" >&2; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    $$missing >&2; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product storagewatch

# Simulates a month of CloudTrail with labelled incidents, detects on its
# last week and prints the findings; logs and report.html stay in out/demo.
demo: release
	rm -rf out/demo
	$(BIN_RELEASE)/storagewatch demo --output out/demo

lint:
	$(SWIFT) format lint --strict --recursive \
	  Package.swift Sources Tests

build-strict: deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors

unit: build-strict
	STORAGEWATCH_SAMPLES="$${STORAGEWATCH_SAMPLES:-$(SAMPLES)}" \
	  $(SWIFT) test --skip-build

# Another package depending on this one by path must build and run.
consumer: deps
	cd Examples/Consumer && $(SWIFT) build && \
	  .build/debug/Consumer ../cloudtrail-s3-demo.json | tail -n 1 | \
	  grep -q "events: 13"

# s3://, gs:// and Azure Blob inputs against loopback servers (moto,
# gcp-storage-emulator, Tests/RemoteServers); skipped with a notice
# without python3 or PyPI.
remote-test: build-strict
	sh Scripts/remote-test.sh "$(SWIFT)"

test: deps lint unit remote-test consumer

# The pipeline suite runs the release-built storagewatch beside gzip -dc
# and the Python baselines in Scripts/baselines (pandas and scikit-learn
# from a pinned venv under .build; skipped with a notice without PyPI).
bench: deps
	$(SWIFT) build -c release --product storagewatch
	$(SWIFT) build -c release --product storagewatch-bench
	$(BIN_RELEASE)/storagewatch-bench all

clean:
	rm -rf .build
