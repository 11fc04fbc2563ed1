# SWC EcoValue — every target installs what it needs first (scripts/setup_env.sh is idempotent).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
export QT_QPA_PLATFORM := offscreen
export PYTHONWARNINGS := ignore::DeprecationWarning

.PHONY: setup demo test test-engine lint translations package sample bench clean

setup:
	@bash scripts/setup_env.sh

demo: setup
	@bash scripts/demo.sh

test: setup
	@mkdir -p .build/runtime && chmod 700 .build/runtime
	XDG_RUNTIME_DIR=$(CURDIR)/.build/runtime $(PY) -m pytest tests -q -ra

test-engine: setup
	$(PY) -m pytest -p no:qgis tests/engine -q

lint: setup
	$(VENV)/bin/ruff check .

translations: setup
	$(PY) scripts/translations.py update
	lrelease resources/i18n/swc_ecovalue_zh_CN.ts -qm resources/i18n/swc_ecovalue_zh_CN.qm

sample: setup
	$(PY) resources/sample/generate_sample.py resources/sample

package: setup
	@bash scripts/package.sh

# Times the plugin against the QGIS-native pipeline (bench/run.py); SIZES=small,medium limits the sizes.
bench: setup
	@mkdir -p .build/runtime && chmod 700 .build/runtime
	XDG_RUNTIME_DIR=$(CURDIR)/.build/runtime $(PY) bench/run.py $(if $(SIZES),--sizes $(SIZES))

clean:
	rm -rf .build demo_output dist .pytest_cache .qgis-settings
