"""A plan draft: the uploaded plan's text, what the extractor proposed, and the review of it.

Nothing of a draft is in the ledger until it is saved (:mod:`lantian.web.drafts.ledger_save`);
then ``saved_plan`` points at the plan it became. ``proposed`` is the extraction as
``docs/plan_extraction.md`` gives it and never changes; ``reviewed`` is what the office edits
(its shape: :mod:`lantian.web.drafts.review`). Drafts are never deleted: one is discarded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantian.web.ledger.models import Plan


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SAVED = "saved", _("Saved to the ledger")
    DISCARDED = "discarded", _("Discarded")


class PlanDraft(models.Model):
    """An uploaded plan under review (方案导入草稿)."""

    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    source_text = models.TextField(_("text of the plan"))
    proposed = models.JSONField(_("extraction as proposed"))
    reviewed = models.JSONField(_("extraction as reviewed"))
    status = models.CharField(
        _("status"), max_length=20, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    saved_plan = models.ForeignKey(
        Plan,
        verbose_name=_("saved plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    result = models.JSONField(_("what the save did"), default=dict, blank=True)

    class Meta:
        verbose_name = _("plan draft")
        verbose_name_plural = _("plan drafts")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.file_name

    @property
    def editable(self) -> bool:
        return self.status == DraftStatus.DRAFT
