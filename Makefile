# StorageWatch: build, test, demo. See README.md.
#
#   make demo    install missing system packages, build, run the demo
#   make test    the same set-up, then lint, a warnings-as-errors build and
#                every test
#   make docs    the DocC site in .build/docs, failing on any broken link
#                or undocumented public declaration
#   make notebooks  executes Notebooks/*.ipynb against the release build;
#                figures in .build/notebooks/figures
#   make bench   release-built benchmarks, printed beside their baselines
#   make fuzz    every libFuzzer target for FUZZ_SECONDS each (default 60)
#   make sanitize  the tests under AddressSanitizer, then ThreadSanitizer
#   make spark-check  the Spark job and the Athena and BigQuery SQL against
#                storagewatch features (CloudTrail, GCS and Azure), row by
#                row, and the findings on either table

SWIFT ?= swift
SAMPLES ?= $(CURDIR)/../shared/samples
APT_PACKAGES := liblapacke-dev libopenblas-dev zlib1g-dev libssl-dev \
  libdeflate-dev
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN_RELEASE := .build/release

FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 4

.PHONY: all deps build release demo test lint build-strict unit consumer \
  bench clean remote-test fuzz fuzz-smoke sanitize \
  sanitize-address sanitize-thread docs notebooks spark-check

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
	  Package.swift Sources Tests Fuzz Scripts

build-strict: deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors

# The Parquet tests also read what the writer wrote with pyarrow, from a
# pinned venv in .build/parquet-venv (skipped with a notice without
# python3 or PyPI).
unit: build-strict
	sh Scripts/pinned-venv.sh .build/parquet-venv \
	  "the pyarrow check of written Parquet" pyarrow==26.0.1 >/dev/null
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

# libFuzzer targets (Scripts/fuzz.sh: one per adapter, the input layer
# and the JSON parser), built with swiftc outside SwiftPM so that normal
# builds are untouched. Corpora grow in .build/fuzz/corpus; a crash exits
# 1 and leaves its input in .build/fuzz/artifacts/<target>/.
fuzz: deps
	SAMPLES="$(SAMPLES)" sh Scripts/fuzz.sh $(FUZZ_SECONDS)

# Symbol graphs of the debug build's modules, the documentation coverage
# check and docc --warnings-as-errors over Docs/StorageWatch.docc; the
# static site goes to .build/docs (Scripts/docs.sh).
docs: build-strict
	sh Scripts/docs.sh "$(SWIFT)" .build/docs

# The notebooks, run headless with nbclient from pinned PyPI packages in
# .build/notebooks-venv (Scripts/notebooks.sh); skipped with a notice
# without python3 or PyPI. Fails when a notebook is committed with outputs.
# The release build: the tuning notebook takes about 20 s with it and
# about 9 minutes with the debug build on two cores.
notebooks: release
	STORAGEWATCH=$(BIN_RELEASE)/storagewatch \
	  sh Scripts/notebooks.sh "$(SWIFT)" .build/notebooks

# A short pass of every target, run by make test.
fuzz-smoke: deps
	SAMPLES="$(SAMPLES)" sh Scripts/fuzz.sh $(FUZZ_SMOKE_SECONDS)

# The whole test suite under each sanitizer, in its own build folder so
# the normal build stays as it is. Every test runs under both; the one
# that bounds peak memory skips that bound, which would count the
# sanitizer's shadow memory (STORAGEWATCH_SANITIZER). Leak checking is
# off: at exit LeakSanitizer reports a few hundred bytes held by the test
# runners themselves (XCTest's suite objects, Swift Testing's argument
# arrays, Foundation's Process), none from StorageWatch code.
sanitize: sanitize-address sanitize-thread

sanitize-address: deps
	ASAN_OPTIONS=detect_leaks=0 STORAGEWATCH_SANITIZER=address \
	STORAGEWATCH_SAMPLES="$${STORAGEWATCH_SAMPLES:-$(SAMPLES)}" \
	  $(SWIFT) test --sanitize=address --scratch-path .build/asan

sanitize-thread: deps
	STORAGEWATCH_SANITIZER=thread \
	STORAGEWATCH_SAMPLES="$${STORAGEWATCH_SAMPLES:-$(SAMPLES)}" \
	  $(SWIFT) test --sanitize=thread --scratch-path .build/tsan

test: deps lint unit docs notebooks remote-test consumer fuzz-smoke

# The pipeline suite runs the release-built storagewatch beside gzip -dc
# and the Python baselines in Scripts/baselines (pandas and scikit-learn
# from a pinned venv under .build; skipped with a notice without PyPI).
bench: deps
	$(SWIFT) build -c release --product storagewatch
	$(SWIFT) build -c release --product storagewatch-bench
	$(BIN_RELEASE)/storagewatch-bench all

# Spark in local mode and DuckDB (pinned PyPI packages in
# .build/spark-venv, Java from Debian) compute the features table of
# simulated CloudTrail, GCS and Azure logs (SPARK_CHECK_FORMATS); it must
# equal storagewatch features row by row, and detect on it must report
# the findings of detect on the logs (Scripts/spark-check.sh). Not part
# of make test: it downloads about 330 MB of packages and takes about 20
# minutes for the four formats on two cores.
spark-check: release
	@command -v java >/dev/null 2>&1 || \
	  { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    $(SUDO) apt-get install -y -qq default-jre-headless >&2; }
	sh Scripts/spark-check.sh $(BIN_RELEASE)/storagewatch

clean:
	rm -rf .build
