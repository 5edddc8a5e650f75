# Equalcity CMS. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers; "auto" uses every core.
WORKERS ?= auto

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements/dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	@touch $@

# The JavaScript linter and the DOM the widgets' unit tests run in, from package-lock.json.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make install needs Node.js 20 or newer with npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the locked Python dependencies (dev included)

.PHONY: install-js
install-js: node_modules/.installed ## Install ESLint and the widgets' test DOM from package-lock.json (npm ci)

.PHONY: lock
lock: install ## Re-resolve requirements/*.lock from pyproject.toml (uv pip compile)
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet \
		--custom-compile-command "make lock" -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes \
		--quiet --custom-compile-command "make lock" -o requirements/dev.lock

var:
	mkdir -p var

.PHONY: migrate
migrate: install var ## Apply migrations to the configured database
	$(MANAGE) migrate --no-input --verbosity 0

.PHONY: seed
seed: migrate ## Seed the demo content (idempotent); print the demo administrator, editor, panel members, language reviewers and city people
	LOG_LEVEL=WARNING $(MANAGE) seed_demo
	$(MANAGE) ensure_demo_admin
	$(MANAGE) ensure_demo_panel_members
	$(MANAGE) ensure_city_roles >/dev/null
	$(MANAGE) ensure_demo_city_people
	$(MANAGE) ensure_demo_consumer_key --origins http://127.0.0.1:$(PORT) http://localhost:$(PORT)

.PHONY: demo
demo: ## Install, migrate the embedded SQLite database, seed the demo content and serve it
	@env -u DATABASE_URL $(MAKE) --no-print-directory seed
	@echo "Serving on http://$(HOST):$(PORT)/ - admin at http://$(HOST):$(PORT)/admin/"
	env -u DATABASE_URL $(MANAGE) runserver $(HOST):$(PORT)

.PHONY: run
run: migrate ## Serve the development server without seeding
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: messages
messages: install ## Extract the readers' interface strings into each language's catalogs (cms/locale: pages and previews; frontend_stub/locale: widgets and kiosk) and compile them (needs GNU gettext)
	$(MANAGE) makemessages -d django --all --no-location --ignore=.venv --ignore=node_modules \
		--ignore=tests --ignore=var --ignore=frontend_stub --ignore=deploy --ignore=docs \
		--ignore=cms/panels --ignore=cms/translation --ignore=cms/core/languages.py
	cd frontend_stub && ../$(BIN)/python ../manage.py makemessages -d djangojs --all --no-location --ignore=node_modules --ignore=tests
	cd cms && ../$(BIN)/python ../manage.py compilemessages

.PHONY: system-packages
system-packages: ## Install the system programs the tests need (Chromium, nginx, redis-server, PostgreSQL, Node.js) when root; else print the command
	@bash .ci/system-packages

.PHONY: test
test: system-packages install install-js var ## Run the whole suite (PostgreSQL when DATABASE_URL is set, else SQLite) and the widgets' unit tests
	$(BIN)/pytest -n $(WORKERS)
	node --test frontend_stub/tests/

.PHONY: test-js
test-js: install-js ## The widgets' and kiosk's unit tests (node's own test runner)
	node --test frontend_stub/tests/

.PHONY: bench-refusals
bench-refusals: migrate ## Time every kind of refused GraphQL document (p50, p99 in ms; target < 20 ms)
	$(MANAGE) bench_refusals

.PHONY: lint
lint: install lint-js ## ruff (lint and formatting), mypy with django-stubs (types), ESLint (widgets and kiosk)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

.PHONY: lint-js
lint-js: install-js ## ESLint over frontend_stub/ (config in eslint.config.js)
	npx --no-install eslint frontend_stub eslint.config.js

.PHONY: schema
schema: install var ## Regenerate the committed API contracts: the GraphQL SDL and the OpenAPI document
	$(MANAGE) graphql_schema --schema api.graphql.schema.schema --out api/graphql/schema.graphql
	$(MANAGE) spectacular --validate --fail-on-warn --file api/rest/openapi.yaml

.PHONY: typecheck
typecheck: install ## mypy with django-stubs over the whole project (config in pyproject.toml)
	$(BIN)/mypy .

.PHONY: format
format: install ## ruff: fix what can be fixed and format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: migrations-check
migrations-check: install var ## Fail when a model change has no migration
	$(MANAGE) makemigrations --check --dry-run

.PHONY: ci
ci: lint migrations-check test ## What CI runs: lint, migrations check, the whole suite

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/equalcity_bench
# The app servers and the benchmark's publisher share it (its database is emptied).
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/3

.PHONY: bench
bench: install var ## Seed 50,000 safe spaces and 4x50 modules into their own database; load-test the API: cold, cached, while publishing, through nginx
	@command -v wrk >/dev/null || { echo "make bench needs wrk (apt-get install wrk)"; exit 1; }
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
		DJANGO_SETTINGS_MODULE=cms.settings.bench LOG_LEVEL=WARNING $(MANAGE) bench_api
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=cms.settings.bench LOG_LEVEL=WARNING \
		$(MANAGE) bench_widgets
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=cms.settings.bench LOG_LEVEL=WARNING \
		$(MANAGE) bench_bundles

GRAPPLE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/equalcity_grapple

.PHONY: bench-grapple
bench-grapple: install var ## The targets' baseline: a plain Wagtail + wagtail-grapple site (bench/grapple_site) with the bench's data, load-tested like make bench; writes var/bench/grapple.json
	@command -v wrk >/dev/null || { echo "make bench-grapple needs wrk (apt-get install wrk)"; exit 1; }
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=cms.settings.bench LOG_LEVEL=WARNING \
		$(MANAGE) bench_grapple --database-url $(GRAPPLE_DATABASE_URL)

.PHONY: bench-bundles
bench-bundles: seed ## Build every demo city's offline bundles; print gzip size and build time (targets: < 2 MB, < 10 s a city)
	LOG_LEVEL=WARNING $(MANAGE) bench_bundles

# GraphiQL (DEBUG only, at /api/graphql/) is served from the app's own static files, never a CDN.
# To update: `make vendor-graphiql GRAPHIQL=<version> REACT=<18.x version>`, set GRAPHIQL_VERSION
# in api/graphql/graphiql.py, delete the old directory, commit. GraphiQL 4 is the last major
# version with a UMD build (5 is ES modules around Monaco); React 18 is the last with UMD builds.
GRAPHIQL ?= 4.1.2
REACT ?= 18.3.1
GRAPHIQL_DIR := api/static/api/graphiql/$(GRAPHIQL)

.PHONY: vendor-graphiql
vendor-graphiql: ## Copy GraphiQL and React's minified builds from npm into api/static/ (GRAPHIQL=, REACT=)
	@command -v npm >/dev/null || { echo "make vendor-graphiql needs npm"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	(cd "$$tmp" && npm pack --silent graphiql@$(GRAPHIQL) react@$(REACT) react-dom@$(REACT) >/dev/null) && \
	for archive in graphiql-$(GRAPHIQL) react-$(REACT) react-dom-$(REACT); do \
		package=$${archive%-*} && mkdir -p "$$tmp/$$package" && \
		tar -xzf "$$tmp/$$archive.tgz" -C "$$tmp/$$package" || exit 1; \
	done && \
	mkdir -p $(GRAPHIQL_DIR) && \
	sed '/^\/\/# sourceMappingURL=/d' "$$tmp/graphiql/package/graphiql.min.js" > $(GRAPHIQL_DIR)/graphiql.min.js && \
	cp "$$tmp/graphiql/package/graphiql.min.css" $(GRAPHIQL_DIR)/graphiql.min.css && \
	cp "$$tmp/graphiql/package/LICENSE" $(GRAPHIQL_DIR)/LICENSE.graphiql && \
	cp "$$tmp/react/package/umd/react.production.min.js" $(GRAPHIQL_DIR)/react.production.min.js && \
	cp "$$tmp/react-dom/package/umd/react-dom.production.min.js" $(GRAPHIQL_DIR)/react-dom.production.min.js && \
	cp "$$tmp/react/package/LICENSE" $(GRAPHIQL_DIR)/LICENSE.react && \
	printf 'graphiql %s (MIT, LICENSE.graphiql)\nreact %s, react-dom %s (MIT, LICENSE.react)\nFrom the npm registry by `make vendor-graphiql`; source maps removed.\n' \
		$(GRAPHIQL) $(REACT) $(REACT) > $(GRAPHIQL_DIR)/VERSIONS
	@du -sh $(GRAPHIQL_DIR)

PROXY_CHECK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/equalcity_proxy_check

.PHONY: proxy-check
proxy-check: install var ## Committed nginx + gunicorn configs without containers: 50 slow sockets for 20 s, normal requests < 1 s
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "make proxy-check needs nginx (apt-get install nginx-light)"; exit 1; }
	DATABASE_URL=$(PROXY_CHECK_DATABASE_URL) LOG_LEVEL=WARNING $(MANAGE) proxy_check

SOAK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/equalcity_soak
SOAK_SECONDS ?= 600
# SERVERS=2: two gunicorn servers behind nginx, sharing the database and Redis; a listing is
# published, renamed and taken down in turn and read through each, failing on a stale answer.
SERVERS ?= 1

.PHONY: soak
soak: install var ## 10 minutes at saturation through nginx + gunicorn, publishing every 10 s; fails on any 5xx (SERVERS=2: also on any stale answer across two app servers)
	DATABASE_URL=$(SOAK_DATABASE_URL) LOG_LEVEL=WARNING $(MANAGE) soak --seconds $(SOAK_SECONDS) \
		--servers $(SERVERS)
