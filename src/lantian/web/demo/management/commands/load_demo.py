"""``lantian web load_demo``: the Shijiazhuang 2019 plan, one demo user per role and the synthetic
emergency reduction list (docs/demo.md, docs/emergency_platform.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lantian.web.demo import sample
from lantian.web.demo.load import load_demo

REFUSAL = (
    "load_demo 只在开发环境运行 / load_demo runs only with LANTIAN_ENV=development: "
    "its users have passwords published in the README and docs/demo.md, so loading them into "
    "a production database would let anyone who read them log in. "
    "Set LANTIAN_ENV=development, or pass --force on a database nobody else can reach."
)


class Command(BaseCommand):
    help = (
        "载入演示数据 / load the demo: 石政发〔2019〕3号, its targets and 36 measures, units, "
        "areas, one user per role (LOCAL-ONLY passwords) and the synthetic emergency reduction "
        "list as 石家庄市's. A second run changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="重设演示用户的密码 / set the demo users' documented passwords again",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="在开发环境之外也载入 / load outside development (never on a shared server)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEVELOPMENT and not options["force"]:
            raise CommandError(REFUSAL)
        result = load_demo(reset_passwords=options["reset_passwords"])
        if not result.changed:
            self.stdout.write("演示数据已是最新 / demo already loaded: nothing changed")
            return
        for model, n in sorted(result.created.items()):
            self.stdout.write(f"新建 / created {n} {model}")
        for model, n in sorted(result.updated.items()):
            self.stdout.write(f"更新 / updated {n} {model}")
        if result.passwords_set:
            self.stdout.write(f"设置密码 / passwords set: {result.passwords_set}")
            self.stdout.write("演示登录（仅限本机）/ demo logins (LOCAL ONLY):")
            for user in sample.DEMO_USERS:
                self.stdout.write(f"  {user.username:<11} {user.password:<24} {user.description}")
