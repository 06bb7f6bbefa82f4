"""What the drafts API answers and takes (OpenAPI through drf-spectacular).

The review's serializers describe the body of ``PUT /api/drafts/<id>/``; the body is checked by
:func:`lantian.web.drafts.validation.validate` (one check for the page and the API), not by them.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from lantian.web.drafts.models import PlanDraft
from lantian.web.drafts.review import RECURRING, ROLES
from lantian.web.drafts.validation import TARGET_METRICS


def span() -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=0),
        min_length=2,
        max_length=2,
        allow_null=True,
        required=False,
        help_text="[start, end) in the draft's source text; null for an added item",
    )


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="the plan: .txt (UTF-8 or GB18030), .docx, .pdf")


class ReviewPlanSerializer(serializers.Serializer):
    title = serializers.CharField(allow_blank=True, max_length=300)
    issuer = serializers.CharField(allow_blank=True, max_length=200)
    document_number = serializers.CharField(allow_blank=True, max_length=100)
    issued_on = serializers.CharField(allow_blank=True, help_text="YYYY-MM-DD or empty")
    start = serializers.CharField(allow_blank=True, help_text="YYYY-MM-DD or empty")
    end = serializers.CharField(allow_blank=True, help_text="YYYY-MM-DD or empty")
    area = serializers.CharField(allow_blank=True, max_length=100)
    spans = serializers.DictField(child=span(), required=False)


class ReviewTargetSerializer(serializers.Serializer):
    metric = serializers.ChoiceField(choices=list(TARGET_METRICS))
    area = serializers.CharField(allow_blank=True, max_length=100)
    period = serializers.CharField(allow_blank=True, max_length=50)
    op = serializers.ChoiceField(choices=["<=", ">="])
    value = serializers.FloatField(allow_null=True)
    change = serializers.BooleanField()
    unit = serializers.CharField(allow_blank=True, required=False)
    text = serializers.CharField(allow_blank=True, required=False)
    span = span()


class ReviewUnitSerializer(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=list(ROLES))
    span = span()


class ReviewDeadlineSerializer(serializers.Serializer):
    date = serializers.DateField()
    text = serializers.CharField(allow_blank=True, required=False)
    recurring = serializers.ChoiceField(choices=list(RECURRING), allow_null=True, required=False)
    span = span()


class ReviewIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True, required=False)
    unit = serializers.CharField(allow_blank=True, required=False)
    op = serializers.ChoiceField(choices=["<=", ">="], required=False)
    text = serializers.CharField(allow_blank=True, required=False)
    span = span()


class ReviewTaskSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=50, help_text="numbering path, e.g. 三.（一）.1")
    heading = serializers.CharField(allow_blank=True, max_length=300)
    text = serializers.CharField(allow_blank=True)
    span = span()
    units = ReviewUnitSerializer(many=True)
    deadlines = ReviewDeadlineSerializer(many=True)
    indicators = ReviewIndicatorSerializer(many=True)
    limits = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="as extracted (not saved)"
    )


class ReviewUnitEntrySerializer(serializers.Serializer):
    name = serializers.CharField(help_text="a unit name as the tasks write it")
    unit = serializers.IntegerField(allow_null=True, help_text="id in the unit directory")
    create = serializers.BooleanField(help_text="create a new unit of this name on save")
    areas = serializers.BooleanField(
        help_text="a collective name: the areas directly below the plan's area"
    )


class ReviewSerializer(serializers.Serializer):
    """The reviewed plan (docs/plan_review.md): the whole of it on every ``PUT``."""

    plan = ReviewPlanSerializer()
    targets = ReviewTargetSerializer(many=True)
    tasks = ReviewTaskSerializer(many=True)
    units = ReviewUnitEntrySerializer(many=True, required=False)


class DraftSerializer(serializers.ModelSerializer):
    """A draft as listed."""

    created_by = serializers.CharField(source="created_by.username", read_only=True)
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = PlanDraft
        fields = (
            "id",
            "file_name",
            "sha256",
            "status",
            "created_by",
            "created_at",
            "saved_plan",
            "tasks",
        )
        read_only_fields = fields

    def get_tasks(self, draft: PlanDraft) -> int:
        """How many tasks the review holds."""
        tasks: Any = (draft.reviewed or {}).get("tasks") or []
        return len(tasks)


class SaveResultSerializer(serializers.Serializer):
    plan = serializers.IntegerField(allow_null=True)
    targets = serializers.IntegerField()
    tasks = serializers.IntegerField()
    skipped_targets = serializers.ListField(child=serializers.DictField())
    created_units = serializers.ListField(child=serializers.CharField())
    limits_not_saved = serializers.IntegerField()


class DraftDetailSerializer(DraftSerializer):
    """A draft with its text, the proposal, the review and what its save did."""

    proposed = serializers.JSONField(read_only=True, help_text="docs/plan_extraction.md")
    reviewed = ReviewSerializer(read_only=True)
    result = serializers.JSONField(read_only=True, help_text="after the save: what was saved")

    class Meta(DraftSerializer.Meta):
        fields = (*DraftSerializer.Meta.fields, "source_text", "proposed", "reviewed", "result")
        read_only_fields = fields
