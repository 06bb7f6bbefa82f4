"""URLs of notice acknowledgement: ``pages`` under /emergency/, ``api`` under /api/emergency/."""

from typing import Any

pages: list[Any] = []
api: list[Any] = []
