"""``lantian audit …``: check the audit log from the command line, without the web server."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from lantian.web.audit.chain import REASON_TEXT, VerifyResult

EXIT_TAMPERED = 1

app = typer.Typer(no_args_is_help=True)


@app.callback()
def audit() -> None:
    """审计日志 / audit log: verify the hash chain."""


def setup_django(settings_module: str = "lantian.web.settings") -> None:
    """Configure Django (``$DJANGO_SETTINGS_MODULE`` wins when set); idempotent."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def describe(result: VerifyResult) -> str:
    """The one-line verdict the CLI prints."""
    failure = result.failure
    if failure is None:
        return f"审计日志完整 / audit log intact: {result.checked} entries"
    zh, en = REASON_TEXT[failure.reason]
    return (
        f"审计日志已被篡改 / audit log tampered: 条目 / entry {failure.seq}: "
        f"{zh} / {en} ({failure.detail}); "
        f"此前 {result.checked} 条完好 / {result.checked} entries before it intact"
    )


@app.command()
def verify(
    show_head: Annotated[
        bool,
        typer.Option("--head", help="同时打印链头哈希 / also print the head's hash (to note down)"),
    ] = False,
) -> None:
    """校验审计日志的哈希链 / verify the audit log's hash chain (exit 1 if tampered)."""
    setup_django()
    from lantian.web.audit.log import stored_head, verify_log

    result = verify_log()
    if not result.ok:
        typer.echo(describe(result), err=True)
        raise typer.Exit(EXIT_TAMPERED)
    typer.echo(describe(result))
    if show_head:
        head = stored_head()
        typer.echo(f"链头 / head: {head.seq} {head.hash}")
