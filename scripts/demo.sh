#!/usr/bin/env bash
# Install lantian, load the real 2019 sample data (北京, 石家庄, 郑州) into the embedded store, print
# the Shijiazhuang 2019 evaluation against the targets of its 2019 plan, then start the web platform
# on http://127.0.0.1:8000/ with the plan's 36 measures and one demo user per role (docs/demo.md).
#
#   ./scripts/demo.sh               # everything, then serve (Ctrl-C stops the server)
#   ./scripts/demo.sh --no-serve    # everything but the server: a non-interactive check
#   other arguments go to `lantian demo` (e.g. --date 2019-06-30)
#
# The demo users' passwords are published: LOCAL ONLY. The platform runs with
# LANTIAN_ENV=development and keeps its SQLite database in $LANTIAN_DATA_DIR (default ./var).
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
demo_args=()
for arg in "$@"; do
  case "$arg" in
    --no-serve) serve=0 ;;
    *) demo_args+=("$arg") ;;
  esac
done
./scripts/bootstrap.sh
export LANTIAN_DATA_DIR="${LANTIAN_DATA_DIR:-var}"
export LANTIAN_ENV=development
# The plan is of 2019: the platform's "today" is a Friday of 2019 (report day of week 36), so
# statuses, report weeks and the dispatch are those an official saw then. LANTIAN_TODAY= (empty)
# runs on the real date.
export LANTIAN_TODAY="${LANTIAN_TODAY-2019-09-06}"
.venv/bin/lantian demo ${demo_args[@]+"${demo_args[@]}"}
.venv/bin/lantian web migrate --verbosity 0
.venv/bin/lantian web load_demo
.venv/bin/lantian audit verify
if [ "$serve" = 0 ]; then
  exit 0
fi
cat <<TEXT

蓝天平台 / lantian platform: http://127.0.0.1:8000/
演示日期 / the demo's today: ${LANTIAN_TODAY:-(real date)}
演示登录（密码公开，仅限本机）/ demo logins (published passwords, LOCAL ONLY):
  office      lantian-demo-office       指挥部办公室 / command office
  eco         lantian-demo-eco          市生态环境局（牵头部门）/ lead department
  miit        lantian-demo-miit         市工信局（配合部门）/ cooperating department
  edu         lantian-demo-edu          市教育局（无关部门）/ unrelated department
  changan     lantian-demo-changan      长安区 / area
  inspector   lantian-demo-inspector    督查 / inspector
  enterprise  lantian-demo-enterprise   企业 / enterprise

TEXT
exec .venv/bin/lantian web runserver 127.0.0.1:8000
