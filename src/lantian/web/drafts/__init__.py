"""Plan drafts (方案导入): a plan's text, the extractor's proposal and its review before it enters
the ledger (issue #5, docs/plan_review.md)."""
