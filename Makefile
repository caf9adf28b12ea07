# The two commands a new user needs (see README): `make run` and `make test`.
VENV ?= .venv
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: install run test bench lint

install:
	@bash scripts/install.sh

# ARGS go to `interviewer practice` (`make run ARGS="--resume 3"`); INTERVIEWER_LAUNCHER lets the app
# print hints as `make run ARGS=…`, since `interviewer` itself is not on PATH.
run: install
	@INTERVIEWER_LAUNCHER=make $(VENV)/bin/interviewer practice $(ARGS)

test: install
	@$(VENV)/bin/python -m pytest -q

# ARGS go to bench/run.py (`make bench ARGS=--quick`: a few minutes)
bench: install
	@$(VENV)/bin/python bench/run.py $(ARGS)

lint:
	@$(VENV)/bin/ruff check interviewer tests
