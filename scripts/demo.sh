#!/usr/bin/env bash
# Install lantian, load the real 2019 sample data (北京, 石家庄, 郑州) into the embedded store and
# print the Shijiazhuang 2019 evaluation against the targets of its 2019 plan.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/bootstrap.sh
exec .venv/bin/lantian demo "$@"
