"""Logging in through the real form, in Chinese, and what a department user then sees."""

from __future__ import annotations

from collections.abc import Callable

from tests.browser.conftest import Session, screenshot
from tests.web.conftest import Personas


def test_department_user_logs_in_and_sees_its_home_page(
    log_in: Callable[[str], Session],
) -> None:
    session = log_in("lead")
    page = session.page
    assert page.url == session.base_url + "/"
    body = page.locator("main").inner_text()
    assert "当前用户：lead。" in body
    assert "石家庄市生态环境局" in body
    assert page.get_by_role("button", name="退出").is_visible()
    screenshot(page, "home-department")


def test_wrong_password_is_refused_on_the_form(
    open_page: Callable[[], Session], people: Personas
) -> None:
    session = open_page()
    page = session.page
    session.go("/login/")
    page.get_by_label("用户名").press_sequentially("lead")
    page.get_by_label("密码").press_sequentially("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    assert page.url.startswith(session.base_url + "/login/")
    assert "用户名或密码错误" in page.get_by_role("alert").inner_text()
