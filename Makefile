# The two commands a new user needs (see README): `make run` and `make test`.
VENV ?= .venv
export HF_HUB_OFFLINE ?= 1
export TRANSFORMERS_OFFLINE ?= 1

.PHONY: install run test bench lint

install:
	@bash scripts/install.sh

run: install
	@$(VENV)/bin/interviewer practice

test: install
	@$(VENV)/bin/python -m pytest -q

bench: install
	@$(VENV)/bin/python bench/run.py

lint:
	@$(VENV)/bin/ruff check interviewer tests
